package org.mdmaat.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.logging.Handler;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.MDC;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.junit.jupiter.api.Test;

class JsonConsoleLogsTest {
  @Test
  void theConsoleHandlerBehindQuarkusWrappersWritesOneJsonObjectPerLineWithTheMdc()
      throws Exception {
    var console = new ConsoleHandler(new PatternFormatter("%s%n"));
    // Quarkus puts the console handler behind a delegating handler (delayed, async).
    var wrapper = new ExtHandler() {};
    wrapper.setHandlers(new Handler[] {console});

    assertThat(JsonConsoleLogs.install(new Handler[] {wrapper})).isEqualTo(1);
    // Not jboss-logmanager's JsonFormatter: in a packaged application it cannot find Jakarta JSON.
    assertThat(console.getFormatter()).isInstanceOf(JsonLines.class);

    var record =
        new ExtLogRecord(
            org.jboss.logmanager.Level.WARN, "relay \"outbox\" waits", getClass().getName());
    record.setLoggerName("org.mdmaat.platform.outbox.OutboxRelay");
    MDC.put("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
    MDC.put("correlationId", "cid-1");
    try {
      record.copyMdc();
      String line = console.getFormatter().format(record);
      assertThat(line).endsWith("\n").doesNotContain("\n{");
      var json = new ObjectMapper().readTree(line);
      assertThat(json.get("level").asText()).isEqualTo("WARN");
      assertThat(json.get("message").asText()).isEqualTo("relay \"outbox\" waits");
      assertThat(json.get("loggerName").asText())
          .isEqualTo("org.mdmaat.platform.outbox.OutboxRelay");
      assertThat(json.get("timestamp").asText()).endsWith("Z");
      assertThat(json.at("/mdc/traceId").asText()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
      assertThat(json.at("/mdc/correlationId").asText()).isEqualTo("cid-1");
    } finally {
      MDC.remove("traceId");
      MDC.remove("correlationId");
    }
  }

  @Test
  void anExceptionAndControlCharactersStayOnOneValidLine() throws Exception {
    var record =
        new ExtLogRecord(
            org.jboss.logmanager.Level.ERROR, "line one\nline\ttwo \u0001 \\ end", "x");
    record.setLoggerName("org.mdmaat.Test");
    record.setThrown(new IllegalStateException("broken \"quote\""));
    record.copyMdc();
    String line = JsonConsoleLogs.formatter().format(record);
    assertThat(line).endsWith("}\n");
    assertThat(line.substring(0, line.length() - 1)).doesNotContain("\n");
    var json = new ObjectMapper().readTree(line);
    assertThat(json.get("message").asText()).isEqualTo("line one\nline\ttwo \u0001 \\ end");
    assertThat(json.get("level").asText()).isEqualTo("ERROR");
    assertThat(json.get("stackTrace").asText())
        .startsWith("java.lang.IllegalStateException: broken \"quote\"")
        .contains("at org.mdmaat.platform.logging.JsonConsoleLogsTest");
    assertThat(json.get("mdc").isObject()).isTrue();
  }

  @Test
  void otherHandlersAreLeftAlone() {
    var other = new ExtHandler() {};
    assertThat(JsonConsoleLogs.install(new Handler[] {other})).isZero();
  }
}

package org.mdmaat.platform.logging;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.logmanager.ExtFormatter;
import org.jboss.logmanager.ExtLogRecord;

/**
 * One JSON object per log record, on one line: {@code timestamp} (UTC, milliseconds), {@code
 * sequence}, {@code loggerClassName}, {@code loggerName}, {@code level}, {@code message}, {@code
 * threadName}, {@code threadId}, {@code mdc} (correlationId, traceId, spanId, ...) and, with an
 * exception, {@code stackTrace}: the fields of jboss-logmanager's JsonFormatter.
 *
 * <p>Written by hand rather than with that formatter: it needs a Jakarta JSON provider, and in a
 * packaged application jboss-logmanager is loaded from {@code lib/boot} by the system class loader,
 * which cannot see {@code lib/main} where the provider is (a prod service exited with
 * NoClassDefFoundError jakarta/json/Json). Quarkus' parent-first-artifacts does not move artifacts
 * there for the fast-jar. This class is loaded by the application's class loader and needs nothing
 * but the JDK, Jackson's string escaping and the handler's ExtFormatter.
 */
final class JsonLines extends ExtFormatter {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);

  @Override
  public String format(ExtLogRecord record) {
    var line = new StringBuilder(256);
    line.append('{');
    field(line, "timestamp", TIME.format(record.getInstant()));
    line.append(',');
    line.append("\"sequence\":").append(record.getSequenceNumber()).append(',');
    field(line, "loggerClassName", record.getLoggerClassName());
    line.append(',');
    field(line, "loggerName", record.getLoggerName());
    line.append(',');
    field(line, "level", record.getLevel() == null ? null : record.getLevel().getName());
    line.append(',');
    field(line, "message", record.getFormattedMessage());
    line.append(',');
    field(line, "threadName", record.getThreadName());
    line.append(',');
    line.append("\"threadId\":").append(record.getLongThreadID()).append(',');
    line.append("\"mdc\":{");
    boolean first = true;
    for (Map.Entry<String, String> entry : new TreeMap<>(record.getMdcCopy()).entrySet()) {
      if (!first) {
        line.append(',');
      }
      field(line, entry.getKey(), entry.getValue());
      first = false;
    }
    line.append('}');
    if (record.getThrown() != null) {
      var trace = new StringWriter();
      record.getThrown().printStackTrace(new PrintWriter(trace));
      line.append(',');
      field(line, "stackTrace", trace.toString());
    }
    return line.append("}\n").toString();
  }

  private static void field(StringBuilder line, String name, String value) {
    string(line, name);
    line.append(':');
    if (value == null) {
      line.append("null");
    } else {
      string(line, value);
    }
  }

  /** A JSON string (RFC 8259), escaped by Jackson (loaded with the application, as this is). */
  static void string(StringBuilder line, String value) {
    line.append('"');
    JsonStringEncoder.getInstance().quoteAsString(value, line);
    line.append('"');
  }
}

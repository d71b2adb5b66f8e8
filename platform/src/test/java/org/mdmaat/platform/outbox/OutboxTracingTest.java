package org.mdmaat.platform.outbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mdmaat.platform.Services.database;
import static org.mdmaat.platform.Services.records;
import static org.mdmaat.platform.Services.unique;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.platform.inbox.Inbox;

/**
 * One trace from a request through the outbox and Kafka to the consumer's effect (issue 18): the
 * request comes with a W3C traceparent, as from the gateway; the test application's in-memory
 * exporter ({@code testapp.SpanCapture}) shows every hop's span in that trace.
 */
@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "platform"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
class OutboxTracingTest {
  static final String API = "/api/platform";
  static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");

  @Inject InMemorySpanExporter spans;

  @Test
  void oneTraceRunsFromTheRequestThroughTheOutboxToTheConsumersEffect() throws Exception {
    String traceId = UUID.randomUUID().toString().replace("-", "");
    String callerSpan = traceId.substring(0, 16);
    String correlation = unique("cid");
    String eventId =
        given()
            .header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
            .header("X-Correlation-Id", correlation)
            .when()
            .post(API + "/inbox-probe/announce")
            .then()
            .statusCode(200)
            .extract()
            .asString()
            .replace("\"", "");

    // The outbox row keeps the request's trace context...
    try (var db = database();
        var row = db.prepareStatement("select trace_parent from outbox_event where id = ?")) {
      row.setObject(1, UUID.fromString(eventId));
      var result = row.executeQuery();
      assertThat(result.next()).isTrue();
      assertThat(result.getString(1)).startsWith("00-" + traceId + "-").endsWith("-01");
    }

    // ...the relay sends it in that trace, with the CloudEvents headers...
    var record =
        records(
                "platform-test.inbox",
                r -> eventId.equals(header(r, OutboxRelay.ID_HEADER)),
                1,
                Duration.ofSeconds(30))
            .get(0);
    assertThat(header(record, "traceparent")).startsWith("00-" + traceId + "-");
    assertThat(header(record, OutboxRelay.CORRELATION_HEADER)).isEqualTo(correlation);

    // ...and the consumer's processing of it is a span in the same trace, below the relay's
    // publish span, as are the request's server span and the relay's.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> process(eventId) != null && publish(eventId) != null);
    SpanData process = process(eventId);
    SpanData publish = publish(eventId);
    assertThat(process.getTraceId()).isEqualTo(traceId);
    assertThat(process.getKind()).isEqualTo(SpanKind.CONSUMER);
    assertThat(publish.getTraceId()).isEqualTo(traceId);
    assertThat(publish.getKind()).isEqualTo(SpanKind.PRODUCER);
    assertThat(ancestors(process)).contains(publish.getSpanId());
    // The correlation id the consumer's audit entries carry finds this trace.
    assertThat(process.getAttributes().get(AttributeKey.stringKey(Inbox.CORRELATION_ATTRIBUTE)))
        .isEqualTo(correlation);
    assertThat(publish.getAttributes().get(AttributeKey.stringKey(Inbox.CORRELATION_ATTRIBUTE)))
        .isEqualTo(correlation);
    SpanData server =
        inTrace(traceId).stream()
            .filter(s -> s.getKind() == SpanKind.SERVER && s.getName().contains("announce"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no server span in " + inTrace(traceId)));
    assertThat(server.getParentSpanId()).isEqualTo(callerSpan);
    assertThat(ancestors(publish)).contains(server.getSpanId());
  }

  private SpanData process(String eventId) {
    return named(eventId, "platform-test.inbox process");
  }

  private SpanData publish(String eventId) {
    return named(eventId, "platform-test.inbox publish");
  }

  private SpanData named(String eventId, String name) {
    return spans.getFinishedSpanItems().stream()
        .filter(s -> name.equals(s.getName()) && eventId.equals(s.getAttributes().get(MESSAGE_ID)))
        .findFirst()
        .orElse(null);
  }

  private List<SpanData> inTrace(String traceId) {
    return spans.getFinishedSpanItems().stream()
        .filter(s -> traceId.equals(s.getTraceId()))
        .toList();
  }

  /** The span ids above {@code span} in its trace, nearest first, as far as they were recorded. */
  private List<String> ancestors(SpanData span) {
    Map<String, SpanData> byId = new HashMap<>();
    inTrace(span.getTraceId()).forEach(s -> byId.put(s.getSpanId(), s));
    var found = new java.util.ArrayList<String>();
    for (String parent = span.getParentSpanId();
        byId.containsKey(parent) && !found.contains(parent);
        parent = byId.get(parent).getParentSpanId()) {
      found.add(parent);
    }
    return found;
  }

  static String header(ConsumerRecord<String, String> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}

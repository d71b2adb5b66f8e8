package org.mdmaat.platform.inbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.mdmaat.platform.Services.database;
import static org.mdmaat.platform.Services.records;
import static org.mdmaat.platform.Services.send;
import static org.mdmaat.platform.Services.unique;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;

@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "platform"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
class InboxTest {
  static final String API = "/api/platform";
  static final String TOPIC = "platform-test.inbox";

  @Inject ObjectMapper json;
  @Inject MeterRegistry meters;

  /** The dead letters counted for {@code topic} and {@code reason} (any consumer). */
  private double deadLettered(String topic, String reason) {
    return meters
        .find("mdmaat.events.dead.lettered")
        .tag("topic", topic)
        .tag("reason", reason)
        .counters()
        .stream()
        .mapToDouble(Counter::count)
        .sum();
  }

  String envelope(EventEnvelope event) throws Exception {
    return json.writeValueAsString(event);
  }

  EventEnvelope event() {
    return EventEnvelope.of(
        "DosingHoldPlaced",
        "platform-test",
        "MAPP-TEST",
        unique("P"),
        json.createObjectNode().put("holdId", "h-1"));
  }

  long effects(String consumer, EventEnvelope event) {
    return Long.parseLong(
        given()
            .when()
            .get(API + "/inbox-probe/{consumer}/{id}", consumer, event.id())
            .then()
            .statusCode(200)
            .extract()
            .asString());
  }

  @Test
  void aDuplicateIsAppliedOnlyOncePerConsumer() throws Exception {
    var event = event();
    var payload = envelope(event);
    for (var expected : new boolean[] {true, false, false}) {
      given()
          .contentType("text/plain")
          .body(payload)
          .when()
          .post(API + "/inbox-probe/{consumer}", "test.a")
          .then()
          .statusCode(200)
          .body(equalTo(String.valueOf(expected)));
    }
    assertThat(effects("test.a", event)).isEqualTo(1);

    // Another consumer of the same event applies it for itself.
    given()
        .contentType("text/plain")
        .body(payload)
        .when()
        .post(API + "/inbox-probe/{consumer}", "test.b")
        .then()
        .body(equalTo("true"));
    assertThat(effects("test.b", event)).isEqualTo(1);
  }

  @Test
  void aRedeliveredKafkaEventIsAppliedOnce() throws Exception {
    var event = event();
    var payload = envelope(event);
    send(TOPIC, event.participantCode(), payload);
    send(TOPIC, event.participantCode(), payload);

    await().atMost(Duration.ofSeconds(30)).until(() -> effects("platform-test.inbox", event) >= 1);
    // A later message on the same partition being applied shows the duplicates were consumed.
    var later = event();
    send(TOPIC, event.participantCode(), envelope(later));
    await().atMost(Duration.ofSeconds(30)).until(() -> effects("platform-test.inbox", later) >= 1);
    assertThat(effects("platform-test.inbox", event)).isEqualTo(1);
  }

  @Test
  void anUnreadableMessageGoesToTheDeadLetterTopic() throws Exception {
    var key = unique("poison");
    send(TOPIC, key, "{\"type\":\"DosingHoldPlaced\",\"no\":\"envelope\"}");

    var parked = records(TOPIC + ".dlq", r -> key.equals(r.key()), 1, Duration.ofSeconds(30));
    assertThat(parked).hasSize(1);
    // And the consumer carries on.
    var event = event();
    send(TOPIC, key, envelope(event));
    await().atMost(Duration.ofSeconds(30)).until(() -> effects("platform-test.inbox", event) == 1);
  }

  int attempts(EventEnvelope event) {
    return Integer.parseInt(
        given()
            .when()
            .get(API + "/inbox-probe/attempts/{id}", event.id())
            .then()
            .statusCode(200)
            .extract()
            .asString());
  }

  EventEnvelope event(String field, Object value) {
    var data = json.createObjectNode().put("holdId", "h-1");
    data.set(field, json.valueToTree(value));
    return EventEnvelope.of("DosingHoldPlaced", "platform-test", "MAPP-TEST", unique("P"), data);
  }

  @Test
  void aLostDatabaseConnectionIsRetriedAndTheEventAppliedOnce() throws Exception {
    // Its first two attempts lose their connection after the effect's insert (a failover).
    var event = event("dropConnection", 2);
    var key = event.participantCode();
    send(TOPIC, key, envelope(event));

    await().atMost(Duration.ofSeconds(60)).until(() -> effects("platform-test.inbox", event) >= 1);
    assertThat(attempts(event)).isEqualTo(3);
    // A later message on the same partition being applied shows the consumer moved on; the
    // retried one was applied once and never parked.
    var later = event();
    send(TOPIC, key, envelope(later));
    await().atMost(Duration.ofSeconds(30)).until(() -> effects("platform-test.inbox", later) >= 1);
    assertThat(effects("platform-test.inbox", event)).isEqualTo(1);
    assertThat(records(TOPIC + ".dlq", r -> key.equals(r.key()), 1, Duration.ofSeconds(5)))
        .isEmpty();
  }

  @Test
  void invalidDataIsNotRetriedButDeadLettered() throws Exception {
    var event = event("invalid", true);
    var key = event.participantCode();
    var before = deadLettered(TOPIC, "invalid");
    send(TOPIC, key, envelope(event));

    var parked = records(TOPIC + ".dlq", r -> key.equals(r.key()), 1, Duration.ofSeconds(30));
    assertThat(parked).hasSize(1);
    // Counted by the topic it came from (the alert's label), not only by consumer.
    assertThat(deadLettered(TOPIC, "invalid")).isEqualTo(before + 1);
    assertThat(deadLettered("another.topic", "invalid")).isZero();
    assertThat(attempts(event)).isEqualTo(1);
    assertThat(effects("platform-test.inbox", event)).isZero();
  }

  @Test
  void aDeadLetteredEventReplayedFromItsDeadLetterTopicIsAppliedOnce() throws Exception {
    // Fails all three attempts (a longer outage): parked, nothing applied.
    var event = event("dropConnection", 3);
    var key = event.participantCode();
    var before = deadLettered(TOPIC, "exhausted");
    send(TOPIC, key, envelope(event));
    var parked = records(TOPIC + ".dlq", r -> key.equals(r.key()), 1, Duration.ofSeconds(60));
    assertThat(parked).hasSize(1);
    assertThat(deadLettered(TOPIC, "exhausted")).isEqualTo(before + 1);
    assertThat(attempts(event)).isEqualTo(3);
    assertThat(effects("platform-test.inbox", event)).isZero();

    // After the fix, the redrive (deploy/README.md, "Dead letters") copies the parked record back
    // to its topic, key and value unchanged; a second redrive of the same record changes nothing.
    send(TOPIC, parked.get(0).key(), parked.get(0).value());
    await().atMost(Duration.ofSeconds(30)).until(() -> effects("platform-test.inbox", event) >= 1);
    send(TOPIC, parked.get(0).key(), parked.get(0).value());
    var later = event();
    send(TOPIC, key, envelope(later));
    await().atMost(Duration.ofSeconds(30)).until(() -> effects("platform-test.inbox", later) >= 1);
    assertThat(effects("platform-test.inbox", event)).isEqualTo(1);
  }

  @Test
  void theConsumersAuditEntryCarriesTheCorrelationIdOfTheRequestThatCausedTheEvent()
      throws Exception {
    var correlation = unique("cid");
    var eventId =
        given()
            .header("X-Correlation-Id", correlation)
            .when()
            .post(API + "/inbox-probe/announce")
            .then()
            .statusCode(200)
            .extract()
            .asString()
            .replace("\"", "");

    // Outbox, relay, Kafka, the consumer's inbox: its audit entry names the request.
    await().atMost(Duration.ofSeconds(60)).until(() -> consumerAuditCorrelation(eventId) != null);
    assertThat(consumerAuditCorrelation(eventId)).isEqualTo(correlation);
  }

  /**
   * The consumer's audit entry names the trace of the request that caused the event: the outbox
   * carried it into the Kafka record's headers and the inbox continued it.
   */
  @Test
  void theConsumersAuditEntryCarriesTheTraceIdOfTheRequestThatCausedTheEvent() throws Exception {
    var traceId = java.util.UUID.randomUUID().toString().replace("-", "");
    var eventId =
        given()
            .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
            .when()
            .post(API + "/inbox-probe/announce")
            .then()
            .statusCode(200)
            .extract()
            .asString()
            .replace("\"", "");

    await().atMost(Duration.ofSeconds(60)).until(() -> consumerAuditTrace(eventId) != null);
    assertThat(consumerAuditTrace(eventId)).isEqualTo(traceId);
  }

  /** The consumer's audit entry for the event: its trace id, "" if none, null if no entry. */
  static String consumerAuditTrace(String eventId) throws Exception {
    try (var db = database();
        var query =
            db.prepareStatement(
                "select trace_id from audit_entry where entity_type = 'ProbeEvent'"
                    + " and entity_id = ?")) {
      query.setString(1, eventId);
      try (var rows = query.executeQuery()) {
        if (!rows.next()) {
          return null;
        }
        var id = rows.getString(1);
        return id == null ? "" : id;
      }
    }
  }

  @Test
  void anEventWithoutACorrelationIdLeavesNoneOfAnEarlierEventsBehind() throws Exception {
    var event = event();
    send(TOPIC, event.participantCode(), envelope(event));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> consumerAuditCorrelation(event.id().toString()) != null);
    // Not null (the column is read as "" when null, below) and not another request's id.
    assertThat(consumerAuditCorrelation(event.id().toString())).isEmpty();
  }

  /** The consumer's audit entry for the event: its correlation id, "" if none, null if no entry. */
  static String consumerAuditCorrelation(String eventId) throws Exception {
    try (var db = database();
        var query =
            db.prepareStatement(
                "select correlation_id from audit_entry where entity_type = 'ProbeEvent'"
                    + " and entity_id = ?")) {
      query.setString(1, eventId);
      try (var rows = query.executeQuery()) {
        if (!rows.next()) {
          return null;
        }
        var id = rows.getString(1);
        return id == null ? "" : id;
      }
    }
  }
}

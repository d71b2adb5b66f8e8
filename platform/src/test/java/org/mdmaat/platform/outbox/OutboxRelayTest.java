package org.mdmaat.platform.outbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mdmaat.platform.Services.as;
import static org.mdmaat.platform.Services.database;
import static org.mdmaat.platform.Services.records;
import static org.mdmaat.platform.Services.unique;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
class OutboxRelayTest {
  static final String API = "/api/platform";
  static final String TOPIC = "platform-test.specimens";

  @Inject ObjectMapper json;
  @Inject OutboxRelay relay;

  static Map<String, Object> specimen(String name) {
    return Map.of(
        "name",
        name,
        "siteCode",
        "US-SF-01",
        "dose",
        120,
        "labels",
        List.of(Map.of("code", "A", "weight", 1)));
  }

  static String header(ConsumerRecord<String, String> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  @Test
  void aCommittedEventReachesKafkaWithItsTopicKeyAndHeaders() throws Exception {
    var name = unique("O");
    var id =
        as("coordinator.sf")
            .contentType("application/json")
            .body(specimen(name))
            .when()
            .post(API + "/specimens")
            .then()
            .statusCode(201)
            .extract()
            .<String>path("id");

    var received = records(TOPIC, r -> name.equals(r.key()), 1, Duration.ofSeconds(30));
    assertThat(received).hasSize(1);
    var record = received.get(0);
    var envelope = json.readValue(record.value(), EventEnvelope.class);
    assertThat(envelope.type()).isEqualTo("SpecimenReceived");
    assertThat(envelope.source()).isEqualTo("platform-test");
    assertThat(envelope.participantCode()).isEqualTo(name);
    assertThat(envelope.data().get("id").asText()).isEqualTo(id);
    assertThat(header(record, OutboxRelay.ID_HEADER)).isEqualTo(envelope.id().toString());
    assertThat(header(record, OutboxRelay.TYPE_HEADER)).isEqualTo("SpecimenReceived");
    // The CloudEvents Kafka binding's headers (binary mode; the value stays the envelope).
    assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
    assertThat(header(record, "ce_source")).isEqualTo("platform-test");
    assertThat(Instant.parse(header(record, "ce_time"))).isEqualTo(envelope.time());
    assertThat(header(record, "ce_correlationid")).isEqualTo(envelope.correlationId()).isNotNull();
    assertThat(header(record, "content-type")).isEqualTo("application/json");

    // The row is marked once Kafka acknowledged it, so it is not sent again.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              try (var db = database();
                  var row =
                      db.prepareStatement(
                          "select id, type, published_at from outbox_event where message_key ="
                              + " ?")) {
                row.setString(1, name);
                var result = row.executeQuery();
                assertThat(result.next()).isTrue();
                assertThat(result.getString("id")).isEqualTo(envelope.id().toString());
                assertThat(result.getTimestamp("published_at")).isNotNull();
              }
            });
    // Relayed once: a later event arrives, and still only one record has this key.
    var later = unique("L");
    as("coordinator.sf")
        .contentType("application/json")
        .body(specimen(later))
        .when()
        .post(API + "/specimens")
        .then()
        .statusCode(201);
    var all =
        records(
            TOPIC,
            r -> name.equals(r.key()) || later.equals(r.key()),
            found -> found.stream().anyMatch(r -> later.equals(r.key())),
            Duration.ofSeconds(30));
    assertThat(all).extracting(ConsumerRecord::key).containsExactly(name, later);
  }

  @Test
  void onlyTheRelayHoldingTheLeaseSendsAndTheGaugesShowTheBacklogMeanwhile() throws Exception {
    var first = unique("A");
    var second = unique("B");
    try (var replica = database()) {
      // Another replica's relay holds the lease (to the end of its transaction).
      replica.setAutoCommit(false);
      try (var lease = replica.createStatement()) {
        lease.execute("select pg_advisory_xact_lock(" + OutboxRelay.RELAY_LOCK + ")");
      }
      for (var name : List.of(first, second)) {
        as("coordinator.sf")
            .contentType("application/json")
            .body(specimen(name))
            .when()
            .post(API + "/specimens")
            .then()
            .statusCode(201);
      }
      // This instance's relay (a tick, or called directly) sends nothing meanwhile.
      assertThat(relay.relayPending().await().atMost(Duration.ofSeconds(30))).isZero();
      assertThat(published(first)).isFalse();
      assertThat(published(second)).isFalse();

      relay.measureBacklog().await().atMost(Duration.ofSeconds(30));
      assertThat(gauge("mdmaat.outbox.pending")).isGreaterThanOrEqualTo(2);
      assertThat(gauge("mdmaat.outbox.oldest.pending.age")).isPositive();
      replica.rollback();
    }

    // Lease released: the rows go out in the order they were written, once each.
    var sent =
        records(
            TOPIC,
            r -> first.equals(r.key()) || second.equals(r.key()),
            found -> found.stream().anyMatch(r -> second.equals(r.key())),
            Duration.ofSeconds(30));
    assertThat(sent).extracting(ConsumerRecord::key).containsExactly(first, second);
    await().atMost(Duration.ofSeconds(10)).until(() -> published(second));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              relay.measureBacklog().await().atMost(Duration.ofSeconds(30));
              assertThat(gauge("mdmaat.outbox.pending")).isZero();
              assertThat(gauge("mdmaat.outbox.oldest.pending.age")).isZero();
            });
  }

  @Test
  void concurrentRelaysSendEventsInTheOrderTheyWereWritten() {
    var prefix = unique("C");
    var names = new java.util.ArrayList<String>();
    for (int i = 0; i < 12; i++) {
      var name = prefix + "-" + i;
      names.add(name);
      as("coordinator.sf")
          .contentType("application/json")
          .body(specimen(name))
          .when()
          .post(API + "/specimens")
          .then()
          .statusCode(201);
      // Two more relays beside this instance's ticks, as other replicas would run: still one
      // batch at a time goes out, so the topic (one partition) holds the events in seq order.
      relay.relayPending().subscribe().with(n -> {}, e -> {});
      relay.relayPending().subscribe().with(n -> {}, e -> {});
    }
    var sent =
        records(
            TOPIC,
            r -> r.key() != null && r.key().startsWith(prefix + "-"),
            found -> found.stream().anyMatch(r -> names.get(11).equals(r.key())),
            Duration.ofSeconds(30));
    assertThat(sent).extracting(ConsumerRecord::key).containsExactlyElementsOf(names);
  }

  @Inject MeterRegistry meters;

  private double gauge(String name) {
    return meters.get(name).gauge().value();
  }

  private static boolean published(String key) throws Exception {
    try (var db = database();
        var row =
            db.prepareStatement("select published_at from outbox_event where message_key = ?")) {
      row.setString(1, key);
      var result = row.executeQuery();
      assertThat(result.next()).isTrue();
      return result.getTimestamp(1) != null;
    }
  }

  @Test
  void aRolledBackChangeSendsNothing() {
    var name = unique("R");
    as("coordinator.sf")
        .contentType("application/json")
        .body(specimen(name))
        .when()
        .post(API + "/specimens/half-written")
        .then()
        .statusCode(422);
    // A committed event sent after it shows the relay has run past the point where it would be.
    var marker = unique("M");
    as("coordinator.sf")
        .contentType("application/json")
        .body(specimen(marker))
        .when()
        .post(API + "/specimens")
        .then()
        .statusCode(201);

    // One partition, sent in seq order: had the rolled-back event been sent, it would come first.
    var seen =
        records(
            TOPIC,
            r -> name.equals(r.key()) || marker.equals(r.key()),
            found -> found.stream().anyMatch(r -> marker.equals(r.key())),
            Duration.ofSeconds(30));
    assertThat(seen).extracting(ConsumerRecord::key).containsExactly(marker);
  }

  @Test
  void relaysWhenCalledDirectlyAndRefusesToPublishOutsideATransaction() {
    Integer published = relay.relayPending().await().atMost(Duration.ofSeconds(30));
    assertThat(published).isNotNull().isNotNegative();

    given()
        .when()
        .post(API + "/probe/outbox-without-transaction")
        .then()
        .statusCode(500)
        .body("code", org.hamcrest.Matchers.equalTo("PLATFORM-0500"));
  }
}

package org.mdmaat.platform.deadletter;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.mdmaat.platform.Services.as;
import static org.mdmaat.platform.Services.database;
import static org.mdmaat.platform.Services.records;
import static org.mdmaat.platform.Services.send;
import static org.mdmaat.platform.Services.unique;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
class DeadLetterRedriveTest {
  static final String API = "/api/platform";
  static final String TOPIC = "platform-test.inbox";
  static final String OPERATOR = "operator.platform";

  @Inject ObjectMapper json;

  long effects(EventEnvelope event) {
    return Long.parseLong(
        given()
            .when()
            .get(API + "/inbox-probe/{consumer}/{id}", "platform-test.inbox", event.id())
            .then()
            .statusCode(200)
            .extract()
            .asString());
  }

  /** An event whose three attempts all lose their database connection: parked on the DLQ. */
  EventEnvelope parked() throws Exception {
    var data = json.createObjectNode().put("holdId", "h-1").put("dropConnection", 3);
    var event =
        EventEnvelope.of("DosingHoldPlaced", "platform-test", "MAPP-TEST", unique("P"), data);
    send(TOPIC, event.participantCode(), json.writeValueAsString(event));
    assertThat(
            records(
                TOPIC + ".dlq",
                r -> event.participantCode().equals(r.key()),
                1,
                Duration.ofSeconds(60)))
        .hasSize(1);
    assertThat(effects(event)).isZero();
    return event;
  }

  @Test
  void theOperatorReplaysParkedEventsOnceAndTheRedriveIsAudited() throws Exception {
    var event = parked();
    as(OPERATOR)
        .when()
        .get(API + "/admin/dead-letters")
        .then()
        .statusCode(200)
        .body(
            "find { it.topic == 'platform-test.inbox' }.deadLetterTopic", equalTo(TOPIC + ".dlq"));
    long pending =
        as(OPERATOR)
            .when()
            .get(API + "/admin/dead-letters/{topic}", TOPIC)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getLong("pending");
    assertThat(pending).isPositive();

    var redrive =
        as(OPERATOR)
            .contentType("application/json")
            .body(Map.of("reason", "INC-7: database back", "limit", 5000))
            .when()
            .post(API + "/admin/dead-letters/{topic}/redrive", TOPIC)
            .then()
            .statusCode(200)
            .body("topic", equalTo(TOPIC))
            .extract()
            .jsonPath();
    List<String> ids = redrive.getList("eventIds");
    assertThat(ids).contains(event.id().toString());
    assertThat(redrive.getInt("replayed")).isEqualTo(ids.size());

    // Applied once, by the inbox, from the replayed record.
    await().atMost(Duration.ofSeconds(60)).until(() -> effects(event) >= 1);
    assertThat(effects(event)).isEqualTo(1);

    // Who, which topic, how many, which events, why: in the service's audit trail.
    try (var db = database();
        var query =
            db.prepareStatement(
                "select actor, action, after_state, reason from audit_entry"
                    + " where entity_type = 'DeadLetterRedrive' and entity_id = ?"
                    + " and after_state like ?")) {
      query.setString(1, TOPIC);
      query.setString(2, "%" + event.id() + "%");
      try (var rows = query.executeQuery()) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getString("actor")).isEqualTo(OPERATOR);
        assertThat(rows.getString("action")).isEqualTo("REDRIVE");
        assertThat(rows.getString("reason")).isEqualTo("INC-7: database back");
        var after = json.readTree(rows.getString("after_state"));
        assertThat(after.get("replayed").asInt()).isEqualTo(ids.size());
        assertThat(rows.next()).isFalse();
      }
    }

    // Remembered: a second redrive does not replay it again.
    var again =
        as(OPERATOR)
            .contentType("application/json")
            .body(Map.of("reason", "INC-7: second run"))
            .when()
            .post(API + "/admin/dead-letters/{topic}/redrive", TOPIC)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(again.getList("eventIds")).doesNotContain(event.id().toString());
    assertThat(effects(event)).isEqualTo(1);
  }

  @Test
  void onlyTheOperatorMayAndOnlyForTheServicesOwnTopics() {
    as("coordinator.sf").when().get(API + "/admin/dead-letters").then().statusCode(403);
    as("regulator.fda")
        .contentType("application/json")
        .body(Map.of("reason", "x"))
        .when()
        .post(API + "/admin/dead-letters/{topic}/redrive", TOPIC)
        .then()
        .statusCode(403);
    // Another service's topic, and the dead-letter topic's own name: not this service's to replay.
    for (var topic : List.of("safety.signals", TOPIC + ".dlq", "nope")) {
      as(OPERATOR)
          .contentType("application/json")
          .body(Map.of("reason", "x"))
          .when()
          .post(API + "/admin/dead-letters/{topic}/redrive", topic)
          .then()
          .statusCode(404)
          .body("code", equalTo("PLATFORM-0404-DEAD-LETTER-TOPIC"));
    }
    as(OPERATOR)
        .contentType("application/json")
        .body(Map.of("reason", " "))
        .when()
        .post(API + "/admin/dead-letters/{topic}/redrive", TOPIC)
        .then()
        .statusCode(400);
  }
}

package org.mdmaat.safety.followup;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.mdmaat.safety.testing.Api.SF;
import static org.mdmaat.safety.testing.Api.as;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.SessionCompleted;
import org.mdmaat.contracts.events.Topics;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.safety.hold.SelfServedPort;
import org.mdmaat.safety.testing.Api;

@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "safety"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedPort.class)
class FollowUpContactTest {
  @Inject ObjectMapper json;

  private String completed(String participant, String session, String kind, Instant at)
      throws Exception {
    return completed(participant, session, kind, at, participant);
  }

  private String completed(String participant, String session, String kind, Instant at, String key)
      throws Exception {
    var data = new SessionCompleted(session, participant, "MAPP-TEST", SF, kind, 1, at);
    var envelope =
        EventEnvelope.of(
            EventTypes.SESSION_COMPLETED,
            "session-service",
            "MAPP-TEST",
            participant,
            json.valueToTree(data));
    var value = json.writeValueAsString(envelope);
    Api.produce(Topics.SESSIONS, key, value);
    return value;
  }

  private static io.restassured.response.ValidatableResponse contacts(
      String participant, String status) {
    var request =
        as("therapist.sf1").queryParam("siteCode", SF).queryParam("participantCode", participant);
    if (status != null) {
      request = request.queryParam("status", status);
    }
    return request.when().get("/api/safety/follow-up-contacts").then().statusCode(200);
  }

  @Test
  void aCompletedDosingSessionStartsSevenDailyContactsOnce() throws Exception {
    var participant = Api.code("P");
    var at = OffsetDateTime.of(2026, 1, 10, 23, 30, 0, 0, ZoneOffset.UTC).toInstant();
    var value = completed(participant, Api.code("S"), "EXPERIMENTAL", at);
    // Delivered twice (at least once): applied once.
    Api.produce(Topics.SESSIONS, participant, value);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> contacts(participant, null).body("total", equalTo(7)));
    contacts(participant, null)
        .body("items.day", equalTo(List.of(1, 2, 3, 4, 5, 6, 7)))
        .body("items[0].dueDate", equalTo("2026-01-11"))
        .body("items[6].dueDate", equalTo("2026-01-17"));
    // All long past: every one is missed until recorded.
    contacts(participant, "MISSED").body("total", equalTo(7));

    String first = contacts(participant, null).extract().path("items[0].id");
    as("investigator.bos")
        .body(Map.of("contactedAt", OffsetDateTime.now().toString(), "note", "x"))
        .when()
        .post("/api/safety/follow-up-contacts/{id}/record", first)
        .then()
        .statusCode(404);
    as("therapist.sf1")
        .body(
            Map.of(
                "contactedAt",
                OffsetDateTime.now(ZoneOffset.ofHours(-8)).minusHours(1).toString(),
                "note",
                "low mood, expected; sleeping well"))
        .when()
        .post("/api/safety/follow-up-contacts/{id}/record", first)
        .then()
        .statusCode(200)
        .body("status", equalTo("RECORDED"))
        .body("recordedBy", equalTo("therapist.sf1"));
    as("therapist.sf1")
        .body(Map.of("contactedAt", OffsetDateTime.now().toString(), "note", "again"))
        .when()
        .post("/api/safety/follow-up-contacts/{id}/record", first)
        .then()
        .statusCode(409);
    contacts(participant, "MISSED").body("total", equalTo(6));
    contacts(participant, "RECORDED").body("items", hasSize(1));
    as("therapist.sf1")
        .queryParam("siteCode", SF)
        .queryParam("status", "LOST")
        .when()
        .get("/api/safety/follow-up-contacts")
        .then()
        .statusCode(400)
        .contentType(org.hamcrest.Matchers.startsWith("application/problem+json"));
    as("therapist.bos1")
        .queryParam("siteCode", SF)
        .when()
        .get("/api/safety/follow-up-contacts")
        .then()
        .statusCode(404);
  }

  @Test
  void aRecentSessionsContactsArePendingAndOtherKindsStartNone() throws Exception {
    // One key, so all three stay in order on one partition.
    var key = Api.code("K");
    var dosed = Api.code("P");
    completed(dosed, Api.code("S"), "experimental", Instant.now(), key);
    var prepared = Api.code("P");
    completed(prepared, Api.code("S"), "PREPARATION", Instant.now(), key);
    // A marker after both: once it is applied, the earlier ones were too.
    var marker = Api.code("P");
    completed(marker, Api.code("S"), "EXPERIMENTAL", Instant.now(), key);

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> contacts(dosed, null).body("total", equalTo(7)));
    contacts(dosed, "PENDING")
        .body("total", equalTo(7))
        .body("items.status", everyItem(equalTo("PENDING")))
        .body("items[0].dueDate", equalTo(LocalDate.now(ZoneOffset.UTC).plusDays(1).toString()));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> contacts(marker, null).body("total", equalTo(7)));
    contacts(prepared, null).body("total", equalTo(0));
  }

  @Test
  void anUnreadableMessageGoesToTheDeadLetterTopic() {
    var key = Api.code("P");
    Api.produce(Topics.SESSIONS, key, "{\"not\":\"an envelope\"}");
    var parked = Api.records(Topics.deadLetter(Topics.SESSIONS), key, found -> !found.isEmpty());
    org.assertj.core.api.Assertions.assertThat(parked).hasSize(1);
  }
}

package org.mdmaat.safety.vitals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.mdmaat.safety.testing.Api.BOS;
import static org.mdmaat.safety.testing.Api.SF;
import static org.mdmaat.safety.testing.Api.as;
import static org.mdmaat.safety.testing.Api.participantAt;
import static org.mdmaat.safety.testing.Api.trialOf;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mdmaat.contracts.events.DosingHoldPlaced;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.Topics;
import org.mdmaat.contracts.grpc.safety.DosingClearanceRequest;
import org.mdmaat.contracts.grpc.safety.SafetyGate;
import org.mdmaat.contracts.grpc.safety.VitalsRecordersRequest;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.safety.hold.SelfServedPort;
import org.mdmaat.safety.testing.Api;
import org.mdmaat.safety.testing.CallingAs;
import org.mdmaat.safety.testing.ScriptedParticipantDirectory;

@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "safety"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedPort.class)
class VitalsResourceTest {
  // A site clock west of UTC: readings carry their offset.
  private static final ZoneOffset SITE = ZoneOffset.ofHours(-7);

  @Inject ObjectMapper json;

  @GrpcClient("safety-gate")
  SafetyGate anyCaller;

  /** As session-service calls it: with its own token. */
  SafetyGate gate;

  @BeforeEach
  void asSessionService() {
    gate = CallingAs.service(anyCaller, "session-service");
  }

  @AfterEach
  void directoryAnswersAgain() {
    ScriptedParticipantDirectory.reset();
  }

  private static Map<String, Object> reading(OffsetDateTime at, int systolic, double temperature) {
    var r = new HashMap<String, Object>();
    r.put("measuredAt", at.toString());
    r.put("systolic", systolic);
    r.put("diastolic", 80);
    r.put("heartRate", 90);
    r.put("temperatureC", temperature);
    r.put("spo2", 98);
    r.put("sourceKind", "DEVICE");
    r.put("sourceId", "monitor-7");
    return r;
  }

  private static Map<String, Object> batch(String participant, List<Map<String, Object>> readings) {
    return Map.of(
        "sessionId", "S-" + participant, "participantCode", participant, "readings", readings);
  }

  private static OffsetDateTime minutesAgo(long minutes) {
    return OffsetDateTime.now(SITE).minusMinutes(minutes).truncatedTo(ChronoUnit.SECONDS);
  }

  private boolean cleared(String participant) {
    return gate.checkDosingClearance(
            DosingClearanceRequest.newBuilder().setParticipantCode(participant).build())
        .await()
        .atMost(Duration.ofSeconds(10))
        .getCleared();
  }

  private List<String> recorders(String participant) {
    var answer =
        gate.getVitalsRecorders(
                VitalsRecordersRequest.newBuilder().setParticipantCode(participant).build())
            .await()
            .atMost(Duration.ofSeconds(10));
    assertThat(answer.getParticipantCode()).isEqualTo(participant);
    return answer.getRecordedByList();
  }

  @Test
  void theGateNamesWhoRecordedAParticipantsVitalsOnceEachSorted() {
    var participant = participantAt(SF);
    var other = participantAt(SF);
    // therapist.sf2 twice, investigator.sf once; another participant's recorder is not named.
    for (var user : List.of("therapist.sf2", "investigator.sf", "therapist.sf2")) {
      as(user)
          .body(batch(participant, List.of(reading(minutesAgo(10), 125, 37.0))))
          .when()
          .post("/api/safety/vitals/batch")
          .then()
          .statusCode(201);
    }
    as("therapist.sf1")
        .body(batch(other, List.of(reading(minutesAgo(10), 125, 37.0))))
        .when()
        .post("/api/safety/vitals/batch")
        .then()
        .statusCode(201);

    assertThat(recorders(participant)).containsExactly("investigator.sf", "therapist.sf2");
    assertThat(recorders(other)).containsExactly("therapist.sf1");
    // A participant without readings (or unknown here) has none; so does an empty request.
    assertThat(recorders(Api.code("P"))).isEmpty();
    assertThat(
            gate.getVitalsRecorders(VitalsRecordersRequest.getDefaultInstance())
                .await()
                .atMost(Duration.ofSeconds(10))
                .getRecordedByList())
        .isEmpty();
  }

  @Test
  void aBatchOf600ReadingsIsStoredAndEachEpisodeRaisesOneAlert() {
    var participant = participantAt(SF);
    var start = minutesAgo(200);
    var readings = new ArrayList<Map<String, Object>>();
    for (int i = 0; i < 600; i++) {
      // Two episodes of high systolic pressure (warn, not critical): readings 100-149 and 300-309.
      int systolic = (i >= 100 && i < 150) || (i >= 300 && i < 310) ? 165 : 125;
      readings.add(reading(start.plusSeconds(i * 15L), systolic, 37.0));
    }

    as("therapist.sf1")
        .body(batch(participant, readings))
        .when()
        .post("/api/safety/vitals/batch")
        .then()
        .statusCode(201)
        .body("stored", equalTo(600))
        .body("alerts", hasSize(2))
        .body("alerts.level", hasItem("WARN"))
        .body("alerts.vital", hasItem("SYSTOLIC"));

    as("coordinator.sf")
        .queryParam("siteCode", SF)
        .queryParam("participantCode", participant)
        .queryParam("size", 200)
        .when()
        .get("/api/safety/vitals")
        .then()
        .statusCode(200)
        .body("total", equalTo(600))
        .body("items", hasSize(200))
        .body("items[0].measuredOffset", equalTo("-07:00"))
        .body("items[0].measuredAt", equalTo(start.toInstant().toString()));
    as("coordinator.sf")
        .queryParam("siteCode", SF)
        .queryParam("size", 201)
        .when()
        .get("/api/safety/vitals")
        .then()
        .statusCode(400);

    as("investigator.sf")
        .queryParam("siteCode", SF)
        .queryParam("participantCode", participant)
        .when()
        .get("/api/safety/alerts")
        .then()
        .statusCode(200)
        .body("total", equalTo(2))
        .body("items.acknowledged", everyItem(equalTo(false)))
        .body("items.findAll { it.episodeEndedAt != null }", hasSize(2))
        .body(
            "items[0].episodeEndedAt",
            equalTo(start.toInstant().plusSeconds(310 * 15L).toString()));

    // A following upload that stays out of range continues no closed episode and raises a new one.
    as("therapist.sf1")
        .body(
            batch(
                participant,
                List.of(reading(minutesAgo(5), 166, 37.0), reading(minutesAgo(4), 168, 37.0))))
        .when()
        .post("/api/safety/vitals/batch")
        .then()
        .statusCode(201)
        .body("alerts", hasSize(1));
    // ... and a third upload still in the same episode raises nothing.
    as("therapist.sf1")
        .body(batch(participant, List.of(reading(minutesAgo(3), 170, 37.0))))
        .when()
        .post("/api/safety/vitals/batch")
        .then()
        .statusCode(201)
        .body("alerts", hasSize(0));

    assertThat(cleared(participant)).as("warn alerts do not hold dosing").isTrue();
    as("investigator.sf")
        .queryParam("siteCode", SF)
        .queryParam("acknowledged", "perhaps")
        .when()
        .get("/api/safety/alerts")
        .then()
        .statusCode(400)
        .body("violations.field", hasItem("acknowledged"));

    as("regulator.fda")
        .queryParam("participantCode", participant)
        .queryParam("entityType", "VitalSignBatch")
        .when()
        .get("/api/safety/audit")
        .then()
        .statusCode(200)
        .body("items", hasSize(3))
        .body("items[0].actor", equalTo("therapist.sf1"));
  }

  @Test
  void aCriticalReadingHoldsDosingAndWorseningKeepsOneAlert() throws Exception {
    var participant = participantAt(SF);
    as("investigator.sf")
        .body(
            batch(
                participant,
                List.of(
                    reading(minutesAgo(30), 150, 38.2), // temperature warn
                    reading(minutesAgo(20), 150, 39.3), // same episode, now critical
                    reading(minutesAgo(10), 150, 39.1))))
        .when()
        .post("/api/safety/vitals/batch")
        .then()
        .statusCode(201)
        .body("alerts", hasSize(1))
        .body("alerts[0].vital", equalTo("TEMPERATURE"))
        .body("alerts[0].level", equalTo("CRITICAL"));

    assertThat(cleared(participant)).isFalse();
    var events =
        Api.events(json, Topics.DOSING_HOLDS, participant, EventTypes.DOSING_HOLD_PLACED, 1);
    var placed = json.treeToValue(events.get(0).data(), DosingHoldPlaced.class);
    assertThat(placed.cause()).isEqualTo("CRITICAL_VITALS");
    assertThat(placed.trialId()).isEqualTo(trialOf(participant));
    assertThat(placed.siteCode()).isEqualTo(SF);

    // The service placed the hold, naming who recorded the finding.
    as("investigator.sf")
        .queryParam("siteCode", SF)
        .queryParam("participantCode", participant)
        .when()
        .get("/api/safety/holds")
        .then()
        .statusCode(200)
        .body("total", equalTo(1))
        .body("items[0].placedBy", equalTo("system:safety-service"))
        .body("items[0].reason", containsString("recorded by investigator.sf"));
  }

  @Test
  void simultaneousUploadsOpenOneEpisodeAndOneHold() throws Exception {
    var participant = participantAt(SF);
    var uploads = new ArrayList<CompletableFuture<Integer>>();
    for (int i = 0; i < 4; i++) {
      var at = minutesAgo(10 - i);
      uploads.add(
          CompletableFuture.supplyAsync(
              () ->
                  as("therapist.sf1")
                      .body(batch(participant, List.of(reading(at, 190, 37.0))))
                      .when()
                      .post("/api/safety/vitals/batch")
                      .then()
                      .statusCode(201)
                      .extract()
                      .path("alerts.size()")));
    }
    int raised = 0;
    for (var upload : uploads) {
      raised += upload.get();
    }
    assertThat(raised).as("one alert for the one episode").isEqualTo(1);
    as("investigator.sf")
        .queryParam("siteCode", SF)
        .queryParam("participantCode", participant)
        .when()
        .get("/api/safety/holds")
        .then()
        .body("total", equalTo(1));
  }

  @Test
  void anUnacknowledgedCriticalAlertEscalatesAndAcknowledgementIsRecorded() {
    var participant = participantAt(SF);
    String critical =
        as("therapist.sf1")
            .body(
                Map.of(
                    "sessionId",
                    "S-1",
                    "participantCode",
                    participant,
                    "reading",
                    reading(minutesAgo(1), 185, 37.0)))
            .when()
            .post("/api/safety/vitals")
            .then()
            .statusCode(201)
            .body("alerts[0].level", equalTo("CRITICAL"))
            .extract()
            .path("alerts[0].id");

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                as("investigator.sf")
                    .when()
                    .get("/api/safety/alerts/{id}", critical)
                    .then()
                    .statusCode(200)
                    .body("escalated", equalTo(true)));

    as("investigator.bos")
        .body(Map.of("note", "called"))
        .when()
        .post("/api/safety/alerts/{id}/acknowledgement", critical)
        .then()
        .statusCode(404);
    as("coordinator.sf")
        .body(Map.of("note", "called"))
        .when()
        .post("/api/safety/alerts/{id}/acknowledgement", critical)
        .then()
        .statusCode(403);
    as("investigator.sf")
        .body(Map.of("note", ""))
        .when()
        .post("/api/safety/alerts/{id}/acknowledgement", critical)
        .then()
        .statusCode(400)
        .body("violations.field", hasItem(containsString("note")));
    as("investigator.sf")
        .body(Map.of("note", "cooled room, repeat BP in 10 min"))
        .when()
        .post("/api/safety/alerts/{id}/acknowledgement", critical)
        .then()
        .statusCode(200)
        .body("acknowledged", equalTo(true))
        .body("acknowledgedBy", equalTo("investigator.sf"))
        .body("acknowledgementNote", equalTo("cooled room, repeat BP in 10 min"));
    as("therapist.sf1")
        .body(Map.of("note", "again"))
        .when()
        .post("/api/safety/alerts/{id}/acknowledgement", critical)
        .then()
        .statusCode(409)
        .body("code", equalTo("SAF-0409-ALERT-ACKNOWLEDGED"));

    as("regulator.fda")
        .queryParam("entityId", critical)
        .when()
        .get("/api/safety/audit")
        .then()
        .statusCode(200)
        .body("items.action", equalTo(List.of("CREATE", "ESCALATE", "ACKNOWLEDGE")))
        .body("items[1].actor", equalTo("system:safety-service"));
  }

  @Test
  void refusesWithoutTokenWrongRoleAnotherSiteBadInputOrNoDirectory() {
    var participant = participantAt(SF);
    var body = batch(participant, List.of(reading(minutesAgo(1), 120, 36.8)));

    io.restassured.RestAssured.given()
        .contentType("application/json")
        .body(body)
        .when()
        .post("/api/safety/vitals/batch")
        .then()
        .statusCode(401);
    as("coordinator.sf").body(body).when().post("/api/safety/vitals/batch").then().statusCode(403);
    as("therapist.bos1")
        .body(body)
        .when()
        .post("/api/safety/vitals/batch")
        .then()
        .statusCode(404)
        .contentType(startsWith("application/problem+json"));
    as("therapist.sf1")
        .body(batch("P-NOBODY", List.of(reading(minutesAgo(1), 120, 36.8))))
        .when()
        .post("/api/safety/vitals/batch")
        .then()
        .statusCode(404);
    as("therapist.bos1")
        .queryParam("siteCode", SF)
        .when()
        .get("/api/safety/vitals")
        .then()
        .statusCode(404);

    var empty = new HashMap<String, Object>();
    empty.put("measuredAt", minutesAgo(1).toString());
    empty.put("sourceKind", "STAFF");
    empty.put("sourceId", "therapist.sf1");
    var implausible = reading(minutesAgo(1), 400, 36.8);
    as("therapist.sf1")
        .body(batch(participant, List.of(empty, implausible)))
        .when()
        .post("/api/safety/vitals/batch")
        .then()
        .statusCode(400)
        .body("violations.field", hasItem(containsString("readings[0]")))
        .body("violations.field", hasItem("readings[1].systolic"));
    as("therapist.sf1")
        .body(batch(participant, List.of(reading(OffsetDateTime.now(SITE).plusHours(2), 120, 37))))
        .when()
        .post("/api/safety/vitals/batch")
        .then()
        .statusCode(422)
        .body("code", equalTo("SAF-0422-VITALS-FUTURE"));

    ScriptedParticipantDirectory.unavailable = true;
    as("therapist.sf1")
        .body(body)
        .when()
        .post("/api/safety/vitals/batch")
        .then()
        .statusCode(503)
        .body("code", equalTo("SAF-0503-DIRECTORY"));
    ScriptedParticipantDirectory.reset();

    // Nothing of the refused requests was stored.
    as("therapist.sf1")
        .queryParam("siteCode", SF)
        .queryParam("participantCode", participant)
        .when()
        .get("/api/safety/vitals")
        .then()
        .statusCode(200)
        .body("total", equalTo(0));
    assertThat(BOS).isNotEqualTo(SF);
  }

  @Test
  void aBatchRetriedWithItsIdempotencyKeyIsStoredOnce() {
    var participant = participantAt(SF);
    var key = java.util.UUID.randomUUID().toString();
    var body =
        batch(
            participant,
            List.of(reading(minutesAgo(6), 125, 37.0), reading(minutesAgo(5), 190, 37.0)));
    var first =
        as("therapist.sf1")
            .header("Idempotency-Key", key)
            .body(body)
            .when()
            .post("/api/safety/vitals/batch")
            .then()
            .statusCode(201)
            .body("stored", equalTo(2))
            .extract()
            .asString();
    // The tablet lost the answer and sends the batch again: stored once, one alert, same answer.
    var again =
        as("therapist.sf1")
            .header("Idempotency-Key", key)
            .body(body)
            .when()
            .post("/api/safety/vitals/batch")
            .then()
            .statusCode(201)
            .header("Idempotency-Replayed", "true")
            .extract()
            .asString();
    assertThat(again).isEqualTo(first);
    as("coordinator.sf")
        .queryParam("siteCode", SF)
        .queryParam("participantCode", participant)
        .when()
        .get("/api/safety/vitals")
        .then()
        .statusCode(200)
        .body("total", equalTo(2));
    as("investigator.sf")
        .queryParam("siteCode", SF)
        .queryParam("participantCode", participant)
        .when()
        .get("/api/safety/alerts")
        .then()
        .statusCode(200)
        .body("total", equalTo(1));
  }
}

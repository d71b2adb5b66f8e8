package org.mdmaat.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.Platform;

/**
 * Safety rules at their edges, through the gateway (issue 16): a critical episode that outlives its
 * hold holds again, lower limits are judged as upper ones are, and a stopping rule is evaluated
 * against the events already there when it is defined.
 */
class SafetyEdgesThroughGatewayTest {
  private final Platform platform = RunningPlatform.get();

  private RequestSpecification as(String user) {
    return Scenario.as(platform, user).contentType("application/json");
  }

  private static Map<String, Object> reading(OffsetDateTime at, int systolic) {
    var r = new HashMap<String, Object>();
    r.put("measuredAt", at.toString());
    r.put("systolic", systolic);
    r.put("diastolic", 80);
    r.put("heartRate", 80);
    r.put("temperatureC", 36.8);
    r.put("spo2", 98);
    r.put("sourceKind", "DEVICE");
    r.put("sourceId", "monitor-7");
    return r;
  }

  private io.restassured.response.ValidatableResponse post(
      String participant, OffsetDateTime at, int systolic) {
    return as("therapist.sf1")
        .body(
            Map.of(
                "sessionId",
                "S-" + participant,
                "participantCode",
                participant,
                "readings",
                List.of(reading(at, systolic))))
        .when()
        .post("/api/safety/vitals/batch")
        .then()
        .statusCode(201);
  }

  private List<String> activeHolds(String participant) {
    return as("investigator.sf")
        .queryParam("siteCode", Scenario.SF)
        .queryParam("participantCode", participant)
        .when()
        .get("/api/safety/holds")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items.findAll { it.active }.id");
  }

  private static OffsetDateTime minutesAgo(int minutes) {
    return OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(minutes);
  }

  @Test
  void aCriticalEpisodeContinuingAfterItsHoldWasLiftedHoldsAgain() {
    var participant = Scenario.realParticipant(platform, Scenario.SF);
    post(participant, minutesAgo(30), 185);
    var first = activeHolds(participant);
    assertThat(first).hasSize(1);
    as("investigator.sf")
        .body(Map.of("reason", "treated", "signature", Map.of("meaning", "RESPONSIBILITY")))
        .when()
        .post("/api/safety/holds/" + first.get(0) + "/lift")
        .then()
        .statusCode(200);
    assertThat(activeHolds(participant)).isEmpty();

    // The next critical reading of the same episode holds dosing again.
    post(participant, minutesAgo(20), 183);
    var second = activeHolds(participant);
    assertThat(second).hasSize(1).doesNotContain(first.get(0));
    as("investigator.sf")
        .when()
        .get("/api/safety/holds/" + second.get(0))
        .then()
        .statusCode(200)
        .body("cause", equalTo("CRITICAL_VITALS"))
        .body("reason", containsString("critical episode continuing since"));
    // While it is active, more critical readings place no further hold.
    post(participant, minutesAgo(15), 186);
    assertThat(activeHolds(participant)).containsExactlyElementsOf(second);
  }

  @Test
  void aReadingBelowALowerLimitAlertsAndHoldsAsOneAboveDoes() {
    var participant = Scenario.realParticipant(platform, Scenario.SF);
    post(participant, minutesAgo(5), 76)
        .body("alerts[0].level", equalTo("CRITICAL"))
        .body("alerts[0].summary", containsString("(low)"));
    assertThat(activeHolds(participant)).hasSize(1);
  }

  @Test
  void aStoppingRuleDefinedAfterTheEventsFiresAtOnce() {
    var trial = Scenario.recruitingTrial(as("sponsor.maps"), as("sponsor.maps"));
    var participant = Scenario.enrolledAt(platform, trial, Scenario.SF, "Late Rule Case");
    as("investigator.sf")
        .body(
            Map.of(
                "participantCode",
                participant,
                "event",
                Map.of(
                    "term",
                    "Hypertensive crisis",
                    "categories",
                    List.of("CARDIOVASCULAR"),
                    "onset",
                    Instant.now().minus(Duration.ofHours(2)).toString(),
                    "awareness",
                    Instant.now().minus(Duration.ofHours(1)).toString(),
                    "grade",
                    3,
                    "seriousness",
                    List.of("HOSPITALIZATION"),
                    "relatedness",
                    "PROBABLE",
                    "expected",
                    false,
                    "outcome",
                    "RECOVERING")))
        .when()
        .post("/api/safety/adverse-events")
        .then()
        .statusCode(201);

    // A therapist may not define one; the sponsor's rule, defined afterwards, fires on definition.
    var rule =
        Map.of(
            "name",
            "First related SAE",
            "relatedSeriousEvents",
            1,
            "countBy",
            "TRIAL",
            "suspends",
            List.of("ENROLLMENT"),
            "reason",
            "DSMB charter section 7");
    as("therapist.sf1")
        .body(rule)
        .when()
        .post("/api/safety/trials/" + trial + "/stopping-rules")
        .then()
        .statusCode(403);
    as("sponsor.maps")
        .body(rule)
        .when()
        .post("/api/safety/trials/" + trial + "/stopping-rules")
        .then()
        .statusCode(201)
        .body("fired", equalTo(true))
        .body("firedCount", equalTo(1));
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                Scenario.as(platform, "sponsor.maps")
                    .when()
                    .get("/api/recruitment/trials/" + trial)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("SUSPENDED")));
  }
}

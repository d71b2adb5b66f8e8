package org.mdmaat.outcomes.assessment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.mdmaat.outcomes.OutcomesFixtures.as;
import static org.mdmaat.outcomes.OutcomesFixtures.assessment;
import static org.mdmaat.outcomes.OutcomesFixtures.caps5;
import static org.mdmaat.outcomes.OutcomesFixtures.newCode;
import static org.mdmaat.outcomes.OutcomesFixtures.newTrial;
import static org.mdmaat.outcomes.OutcomesFixtures.randomize;
import static org.mdmaat.outcomes.OutcomesFixtures.sds;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.Topics;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.outcomes.OutcomesFixtures;
import org.mdmaat.outcomes.ScriptedTreatmentTeam;
import org.mdmaat.outcomes.SelfServedPeersPort;

@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "outcomes"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedPeersPort.class)
class AssessmentResourceTest {
  static final String PATH = "/api/outcomes/participants/{code}/assessments";

  @AfterEach
  void peersAnswerAgain() {
    ScriptedTreatmentTeam.TEAMS.clear();
    ScriptedTreatmentTeam.UNAVAILABLE_FOR.clear();
  }

  private static String participant() {
    var code = newCode();
    randomize(code, newTrial());
    return code;
  }

  @Test
  void anIndependentRaterRecordsACaps5ThatIsScoredAuditedAndAnnounced() throws Exception {
    var code = participant();
    ScriptedTreatmentTeam.TEAMS.put(code, List.of("therapist.sf1", "therapist.sf2"));
    String id =
        as("rater.sf")
            .contentType("application/json")
            .body(assessment("CAPS5", "BASELINE", caps5(44)))
            .when()
            .post(PATH, code)
            .then()
            .statusCode(201)
            .header("Location", containsString("/api/outcomes/assessments/"))
            .body("total", equalTo(44))
            // 44 over 20 items: B1-B4 at 3, every other item at 2.
            .body("subscales.B", equalTo(14))
            .body("flags.ptsdDiagnosis", equalTo(true))
            .body("revision", equalTo(1))
            .body("recordedBy", equalTo("rater.sf"))
            .body("siteCode", equalTo("US-SF-01"))
            // -08:00 offset accepted, stored and shown in UTC.
            .body("administeredAt", equalTo("2026-03-02T17:30:00Z"))
            .extract()
            .path("id");

    as("coordinator.sf")
        .when()
        .get("/api/outcomes/assessments/{id}", id)
        .then()
        .statusCode(200)
        .body("responses.F", equalTo(1));
    as("regulator.fda")
        .queryParam("entityId", id)
        .when()
        .get("/api/outcomes/audit")
        .then()
        .statusCode(200)
        .body("items", hasSize(1))
        .body("items[0].action", equalTo("CREATE"))
        .body("items[0].participantCode", equalTo(code))
        .body("items[0].after.total", equalTo(44));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              var mine =
                  OutcomesFixtures.records(Topics.ASSESSMENTS, Duration.ofSeconds(5)).stream()
                      .filter(r -> code.equals(r.key()))
                      .toList();
              assertThat(mine).hasSize(1);
              var event = OutcomesFixtures.JSON.readTree(mine.get(0).value());
              assertThat(event.get("type").asText()).isEqualTo(EventTypes.ASSESSMENT_RECORDED);
              assertThat(event.get("data").get("assessmentId").asText()).isEqualTo(id);
              assertThat(event.get("data").get("instrument").asText()).isEqualTo("CAPS5");
              assertThat(event.get("data").get("total").asInt()).isEqualTo(44);
              // Events never carry arms.
              assertThat(mine.get(0).value()).doesNotContain("PLACEBO").doesNotContain("\"MDMA\"");
            });
  }

  @Test
  void refusesACaps5FromARaterOnTheTreatmentTeamAndWritesNothing() {
    var code = participant();
    ScriptedTreatmentTeam.TEAMS.put(code, List.of("therapist.sf1", "rater.sf"));
    as("rater.sf")
        .contentType("application/json")
        .body(assessment("CAPS5", "BASELINE", caps5(40)))
        .when()
        .post(PATH, code)
        .then()
        .statusCode(403)
        .contentType(startsWith("application/problem+json"))
        .body("code", equalTo("OUT-0403-TEAM"))
        .body("detail", containsString("Independent-rater rule"));
    as("rater.sf").when().get(PATH, code).then().statusCode(200).body("total", equalTo(0));
  }

  @Test
  void refusesACaps5WhenTheTreatmentTeamCannotBeAsked() {
    var code = participant();
    ScriptedTreatmentTeam.UNAVAILABLE_FOR.add(code);
    as("rater.sf")
        .contentType("application/json")
        .body(assessment("CAPS5", "BASELINE", caps5(40)))
        .when()
        .post(PATH, code)
        .then()
        .statusCode(503)
        .contentType(startsWith("application/problem+json"))
        .body("code", equalTo("OUT-0503"));
    as("rater.sf").when().get(PATH, code).then().statusCode(200).body("total", equalTo(0));
  }

  @Test
  void caps5NeedsTheRaterRoleWhileSelfReportsDoNotAskTheTeam() {
    var code = participant();
    ScriptedTreatmentTeam.UNAVAILABLE_FOR.add(code);
    as("investigator.sf")
        .contentType("application/json")
        .body(assessment("CAPS5", "BASELINE", caps5(40)))
        .when()
        .post(PATH, code)
        .then()
        .statusCode(403)
        .body("code", equalTo("OUT-0403"));
    as("coordinator.sf")
        .contentType("application/json")
        .body(assessment("SDS", "BASELINE", sds(7, 8, 9)))
        .when()
        .post(PATH, code)
        .then()
        .statusCode(201)
        .body("total", equalTo(24));
  }

  @Test
  void namesEveryItemThatIsMissingOrOutOfRange() {
    var code = participant();
    var responses = new java.util.HashMap<>(caps5(40));
    responses.remove("B1");
    responses.put("E6", 5);
    as("rater.sf")
        .contentType("application/json")
        .body(assessment("CAPS5", "BASELINE", responses))
        .when()
        .post(PATH, code)
        .then()
        .statusCode(422)
        .contentType(startsWith("application/problem+json"))
        .body("code", equalTo("OUT-0422"))
        .body("violations.field", hasItems("responses.B1", "responses.E6"))
        .body("violations", hasSize(2));
    as("rater.sf")
        .contentType("application/json")
        .body(assessment("HAM-D", "BASELINE", sds(1, 1, 1)))
        .when()
        .post(PATH, code)
        .then()
        .statusCode(422)
        .body("violations[0].field", equalTo("instrument"));
  }

  @Test
  void refusesMalformedInput() {
    var code = participant();
    as("rater.sf")
        .contentType("application/json")
        .body(Map.of("instrument", "SDS", "timepoint", "WEEK_99", "responses", sds(1, 1, 1)))
        .when()
        .post(PATH, code)
        .then()
        .statusCode(400)
        .contentType(startsWith("application/problem+json"));
    as("rater.sf")
        .contentType("application/json")
        .body(
            Map.of(
                "instrument", "SDS",
                "timepoint", "BASELINE",
                "administeredAt", "2026-03-02T09:30:00Z",
                "responses", sds(1, 1, 1),
                "arm", "MDMA"))
        .when()
        .post(PATH, code)
        .then()
        .statusCode(400)
        .body("code", equalTo("PLATFORM-0400"));
  }

  @Test
  void aSecondAssessmentAtTheSameTimepointIsAConflict() {
    var code = participant();
    as("coordinator.sf")
        .contentType("application/json")
        .body(assessment("SDS", "PRIMARY_ENDPOINT", sds(1, 2, 3)))
        .when()
        .post(PATH, code)
        .then()
        .statusCode(201);
    as("coordinator.sf")
        .contentType("application/json")
        .body(assessment("SDS", "PRIMARY_ENDPOINT", sds(3, 2, 1)))
        .when()
        .post(PATH, code)
        .then()
        .statusCode(409)
        .body("code", equalTo("OUT-0409"));
  }

  @Test
  void twoSimultaneousFirstEntriesGiveOneAssessmentAndOneConflict() throws Exception {
    var code = participant();
    var body = assessment("SDS", "AFTER_SESSION_3", sds(1, 2, 3));
    Callable<Integer> post =
        () ->
            as("coordinator.sf")
                .contentType("application/json")
                .body(body)
                .when()
                .post(PATH, code)
                .then()
                .extract()
                .statusCode();
    var pool = Executors.newFixedThreadPool(2);
    try {
      var statuses = new ArrayList<Integer>();
      for (var answer : pool.invokeAll(List.of(post, post))) {
        statuses.add(answer.get());
      }
      assertThat(statuses).containsExactlyInAnyOrder(201, 409);
    } finally {
      pool.shutdown();
    }
    as("rater.sf").when().get(PATH, code).then().body("total", equalTo(1));
  }

  @Test
  void aCorrectionNeedsAReasonAndKeepsTheEarlierValues() {
    var code = participant();
    String id =
        as("rater.sf")
            .contentType("application/json")
            .body(assessment("CAPS5", "AFTER_SESSION_1", caps5(30)))
            .when()
            .post(PATH, code)
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    as("rater.sf")
        .contentType("application/json")
        .body(Map.of("responses", caps5(32)))
        .when()
        .put("/api/outcomes/assessments/{id}", id)
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("reason"));
    as("rater.sf")
        .contentType("application/json")
        .body(Map.of("responses", caps5(32), "reason", "B2 and B3 were transposed"))
        .when()
        .put("/api/outcomes/assessments/{id}", id)
        .then()
        .statusCode(200)
        .body("revision", equalTo(2))
        .body("total", equalTo(32))
        .body("reason", equalTo("B2 and B3 were transposed"))
        .body("administeredAt", equalTo("2026-03-02T17:30:00Z"));
    as("coordinator.sf")
        .when()
        .get("/api/outcomes/assessments/{id}/history", id)
        .then()
        .statusCode(200)
        .body("total", equalTo(2))
        .body("items.revision", org.hamcrest.Matchers.contains(1, 2))
        .body("items[0].total", equalTo(30))
        .body("items[1].total", equalTo(32))
        .body("items[1].reason", equalTo("B2 and B3 were transposed"));
    as("regulator.fda")
        .queryParam("entityId", id)
        .when()
        .get("/api/outcomes/audit")
        .then()
        .body("items", hasSize(2))
        .body("items[1].action", equalTo("UPDATE"))
        .body("items[1].before.total", equalTo(30))
        .body("items[1].after.total", equalTo(32))
        .body("items[1].reason", equalTo("B2 and B3 were transposed"));
    // A correction of a CAPS-5 is a rating too: the rule applies again.
    ScriptedTreatmentTeam.TEAMS.put(code, List.of("rater.sf"));
    as("rater.sf")
        .contentType("application/json")
        .body(Map.of("responses", caps5(33), "reason", "again"))
        .when()
        .put("/api/outcomes/assessments/{id}", id)
        .then()
        .statusCode(403)
        .body("code", equalTo("OUT-0403-TEAM"));
  }

  @Test
  void anotherSitesParticipantAndAssessmentLookMissing() {
    var code = participant();
    String id =
        as("coordinator.sf")
            .contentType("application/json")
            .body(assessment("SDS", "BASELINE", sds(1, 2, 3)))
            .when()
            .post(PATH, code)
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    as("rater.bos")
        .contentType("application/json")
        .body(assessment("SDS", "AFTER_SESSION_1", sds(1, 2, 3)))
        .when()
        .post(PATH, code)
        .then()
        .statusCode(404)
        .contentType(startsWith("application/problem+json"));
    as("coordinator.bos").when().get(PATH, code).then().statusCode(404);
    as("coordinator.bos").when().get("/api/outcomes/assessments/{id}", id).then().statusCode(404);
    as("investigator.bos")
        .contentType("application/json")
        .body(Map.of("responses", sds(1, 1, 1), "reason", "x"))
        .when()
        .put("/api/outcomes/assessments/{id}", id)
        .then()
        .statusCode(404);
    as("coordinator.sf").when().get(PATH, newCode()).then().statusCode(404);
  }

  @Test
  void refusesCallersWithoutATokenOrTheRole() {
    var code = participant();
    given().when().get(PATH, code).then().statusCode(401);
    as("therapist.sf1")
        .contentType("application/json")
        .body(assessment("SDS", "BASELINE", sds(1, 2, 3)))
        .when()
        .post(PATH, code)
        .then()
        .statusCode(403);
    as("sponsor.maps").when().get(PATH, code).then().statusCode(403);
  }

  @Test
  void listsAParticipantsAssessmentsPaged() {
    var code = participant();
    for (var timepoint : List.of("BASELINE", "AFTER_SESSION_1", "AFTER_SESSION_2")) {
      as("coordinator.sf")
          .contentType("application/json")
          .body(assessment("SDS", timepoint, sds(1, 2, 3)))
          .when()
          .post(PATH, code)
          .then()
          .statusCode(201);
    }
    as("rater.sf")
        .queryParam("size", 2)
        .when()
        .get(PATH, code)
        .then()
        .statusCode(200)
        .body("items", hasSize(2))
        .body("total", equalTo(3))
        .body("page", equalTo(0))
        .body("size", equalTo(2));
    as("rater.sf")
        .queryParam("size", 2)
        .queryParam("page", 1)
        .when()
        .get(PATH, code)
        .then()
        .body("items", hasSize(1));
    as("rater.sf")
        .queryParam("timepoint", "AFTER_SESSION_2")
        .when()
        .get(PATH, code)
        .then()
        .body("items", hasSize(1))
        .body("items[0].timepoint", equalTo("AFTER_SESSION_2"));
    as("rater.sf").queryParam("size", 0).when().get(PATH, code).then().statusCode(400);
  }

  @Test
  void listsInstruments() {
    as("rater.sf")
        .when()
        .get("/api/outcomes/instruments")
        .then()
        .statusCode(200)
        .body("total", equalTo(6))
        .body("items.code", hasItems("CAPS5", "PCL5", "BDI2", "SDS", "AUDIT", "WAISR"));
    as("rater.sf")
        .when()
        .get("/api/outcomes/instruments/AUDIT")
        .then()
        .statusCode(200)
        .body("items.find { it.code == 'Q9' }.allowed", org.hamcrest.Matchers.contains(0, 2, 4));
    as("rater.sf").when().get("/api/outcomes/instruments/NOPE").then().statusCode(404);
    given().when().get("/api/outcomes/instruments").then().statusCode(401);
  }

  @Test
  void anAssessmentRetriedWithItsIdempotencyKeyIsRecordedOnceAndA503IsNotKept() {
    var code = participant();
    var key = java.util.UUID.randomUUID().toString();
    ScriptedTreatmentTeam.UNAVAILABLE_FOR.add(code);
    // The team cannot be asked: 503, and the key is not spent on it.
    as("rater.sf")
        .contentType("application/json")
        .header("Idempotency-Key", key)
        .body(assessment("CAPS5", "BASELINE", caps5(40)))
        .when()
        .post(PATH, code)
        .then()
        .statusCode(503);
    ScriptedTreatmentTeam.UNAVAILABLE_FOR.remove(code);
    ScriptedTreatmentTeam.TEAMS.put(code, List.of("therapist.sf1"));
    var first =
        as("rater.sf")
            .contentType("application/json")
            .header("Idempotency-Key", key)
            .body(assessment("CAPS5", "BASELINE", caps5(40)))
            .when()
            .post(PATH, code)
            .then()
            .statusCode(201)
            .extract();
    // The retry answers the recorded assessment, Location included, and records nothing.
    as("rater.sf")
        .contentType("application/json")
        .header("Idempotency-Key", key)
        .body(assessment("CAPS5", "BASELINE", caps5(40)))
        .when()
        .post(PATH, code)
        .then()
        .statusCode(201)
        .header("Idempotency-Replayed", "true")
        .header("Location", equalTo(first.header("Location")))
        .body("id", equalTo(first.path("id")));
    as("rater.sf").when().get(PATH, code).then().statusCode(200).body("total", equalTo(1));
  }
}

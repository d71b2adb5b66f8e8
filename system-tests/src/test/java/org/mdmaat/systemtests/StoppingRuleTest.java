package org.mdmaat.systemtests;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.Platform;

/**
 * A sponsor's stopping rule fires on a related serious adverse event in safety-service, and
 * recruitment-service suspends the trial from the TrialEnrollmentPaused event: no new candidates.
 */
class StoppingRuleTest {

  @Test
  void aRelatedSeriousEventPausesEnrollmentInRecruitment() {
    Platform platform = RunningPlatform.get();
    var trialId =
        Scenario.recruitingTrial(
            Scenario.as(platform, "sponsor.maps"), Scenario.as(platform, "sponsor.maps"));
    var participant = Scenario.enrolledAt(platform, trialId, Scenario.SF, "Stopping Rule Case");
    Scenario.as(platform, "sponsor.maps")
        .contentType("application/json")
        .body(
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
                "DSMB charter section 7"))
        .when()
        .post("/api/safety/trials/" + trialId + "/stopping-rules")
        .then()
        .statusCode(201);

    Scenario.as(platform, "investigator.sf")
        .contentType("application/json")
        .body(
            Map.of(
                "participantCode",
                participant,
                "event",
                Map.of(
                    "term",
                    "Panic attack requiring admission",
                    "category",
                    "PSYCHIATRIC",
                    "onset",
                    Instant.now().minus(Duration.ofHours(1)).toString(),
                    "awareness",
                    Instant.now().minus(Duration.ofMinutes(30)).toString(),
                    "grade",
                    3,
                    "seriousness",
                    List.of("HOSPITALIZATION"),
                    "relatedness",
                    "DEFINITE",
                    "expected",
                    false,
                    "outcome",
                    "RECOVERED")))
        .when()
        .post("/api/safety/adverse-events")
        .then()
        .statusCode(201);

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                Scenario.as(platform, "sponsor.maps")
                    .when()
                    .get("/api/recruitment/trials/" + trialId)
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("SUSPENDED")));
    Scenario.as(platform, "coordinator.sf")
        .contentType("application/json")
        .body(Scenario.candidate(trialId, Scenario.SF, "Too Late Candidate", null))
        .when()
        .post("/api/recruitment/participants")
        .then()
        .statusCode(422)
        .body("code", equalTo("REC-0422-NOT-ENROLLING"));
  }
}

package org.mdmaat.outcomes.participant;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.mdmaat.outcomes.OutcomesFixtures.as;
import static org.mdmaat.outcomes.OutcomesFixtures.assessment;
import static org.mdmaat.outcomes.OutcomesFixtures.caps5;
import static org.mdmaat.outcomes.OutcomesFixtures.newCode;
import static org.mdmaat.outcomes.OutcomesFixtures.newTrial;
import static org.mdmaat.outcomes.OutcomesFixtures.randomize;
import static org.mdmaat.outcomes.OutcomesFixtures.subgroups;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.outcomes.SelfServedPeersPort;

/**
 * Subgroup facts corrected in recruitment-service (ParticipantSubgroupsRecorded) reach statistics:
 * all four can filter and split the results; a late, older announcement does not overwrite a newer
 * one, nor does a redelivered randomization.
 */
@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "outcomes"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedPeersPort.class)
class SubgroupCorrectionTest {
  static final String STATISTICS = "/api/outcomes/trials/{trial}/statistics";
  static final String SITE = "US-SF-01";

  private static void rate(String code, int total) {
    as("rater.sf")
        .contentType("application/json")
        .body(assessment("CAPS5", "BASELINE", caps5(total)))
        .when()
        .post("/api/outcomes/participants/{code}/assessments", code)
        .then()
        .statusCode(201);
  }

  /** How many of the trial's participants have combat exposure, as statistics count them. */
  private static void awaitCombat(String trial, int exposed) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                as("sponsor.maps")
                    .queryParam("combatExposure", true)
                    .queryParam("timepoint", "BASELINE")
                    .when()
                    .get(STATISTICS, trial)
                    .then()
                    .statusCode(200)
                    .body("timepoints[0].groups.POOLED.score.n", equalTo(exposed)));
  }

  @Test
  void aCorrectionReachesStatisticsAndALateOlderOneDoesNotOverwriteIt() {
    var trial = newTrial();
    var first = newCode();
    var second = newCode();
    randomize(first, trial, SITE, false, false);
    randomize(second, trial, SITE, false, true);
    rate(first, 40);
    rate(second, 50);

    // Nothing known about combat exposure or TBI yet: both participants are "unknown".
    as("sponsor.maps")
        .queryParam("subgroup", "combatExposure")
        .queryParam("timepoint", "BASELINE")
        .when()
        .get(STATISTICS, trial)
        .then()
        .statusCode(200)
        .body("subgroup", equalTo("combatExposure"))
        .body("subgroups.find { it.value == 'unknown' }.participants", equalTo(2))
        .body("subgroups.find { it.value == 'true' }.participants", equalTo(0));

    // Corrected in recruitment-service: the first has combat exposure and TBI (revision 5).
    subgroups(first, trial, SITE, true, true, true, true, 5);
    awaitCombat(trial, 1);
    as("sponsor.maps")
        .queryParam("subgroup", "traumaticBrainInjury")
        .queryParam("timepoint", "BASELINE")
        .when()
        .get(STATISTICS, trial)
        .then()
        .statusCode(200)
        .body("subgroups.find { it.value == 'true' }.participants", equalTo(1))
        .body(
            "subgroups.find { it.value == 'true' }.timepoints[0].groups.POOLED.score.mean",
            equalTo(40.0))
        .body("subgroups.find { it.value == 'unknown' }.participants", equalTo(1));
    as("sponsor.maps")
        .queryParam("dissociative", true)
        .queryParam("veteran", true)
        .queryParam("traumaticBrainInjury", true)
        .queryParam("timepoint", "BASELINE")
        .when()
        .get(STATISTICS, trial)
        .then()
        .statusCode(200)
        .body("timepoints[0].groups.POOLED.score.n", equalTo(1));

    // An older correction (revision 3) arrives late: it does not undo revision 5. The second
    // participant's correction, sent after it on the same partition, shows it was handled.
    subgroups(first, trial, SITE, false, false, false, false, 3);
    subgroups(second, trial, SITE, false, true, true, false, 2);
    awaitCombat(trial, 2);
    as("sponsor.maps")
        .queryParam("subgroup", "veteran")
        .queryParam("timepoint", "BASELINE")
        .when()
        .get(STATISTICS, trial)
        .then()
        .statusCode(200)
        .body("subgroups.find { it.value == 'true' }.participants", equalTo(2));
    as("regulator.fda")
        .queryParam("entityType", "TrialParticipant")
        .queryParam("entityId", first)
        .when()
        .get("/api/outcomes/audit")
        .then()
        .statusCode(200)
        .body("items.findAll { it.action == 'SUBGROUPS' }.size()", equalTo(1));

    // A newer correction does apply.
    subgroups(first, trial, SITE, true, true, false, true, 8);
    awaitCombat(trial, 1);
  }
}

package org.mdmaat.outcomes.statistics;

import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.mdmaat.outcomes.OutcomesFixtures.as;
import static org.mdmaat.outcomes.OutcomesFixtures.assessment;
import static org.mdmaat.outcomes.OutcomesFixtures.caps5;
import static org.mdmaat.outcomes.OutcomesFixtures.newCode;
import static org.mdmaat.outcomes.OutcomesFixtures.newTrial;
import static org.mdmaat.outcomes.OutcomesFixtures.randomize;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.outcomes.OutcomesFixtures;
import org.mdmaat.outcomes.ScriptedParticipantDirectory;
import org.mdmaat.outcomes.SelfServedPeersPort;
import org.mdmaat.outcomes.instrument.BetterWhen;

/**
 * Six participants rated with CAPS-5 at baseline and the primary endpoint. MDMA arm: 44→10, 46→20,
 * 48→24 (change −34, −26, −24); placebo arm: 44→30, 46→40, 48→44 (change −14, −6, −4). One MDMA
 * participant is a veteran.
 */
@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "outcomes"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedPeersPort.class)
class StatisticsResourceTest {
  static final String PATH = "/api/outcomes/trials/{trial}/statistics";
  static final int[][] MDMA = {{44, 10}, {46, 20}, {48, 24}};
  static final int[][] PLACEBO = {{44, 30}, {46, 40}, {48, 44}};

  private static String trial;

  /** Once for the class, inside a test: RestAssured knows the port only from then on. */
  private static synchronized String trial() {
    if (trial == null) {
      trial = rateSixParticipants();
    }
    return trial;
  }

  private static String rateSixParticipants() {
    var trial = newTrial();
    Map<String, String> arms = new HashMap<>();
    for (int i = 0; i < 6; i++) {
      var code = newCode();
      randomize(code, trial, "US-SF-01", false, i == 0);
      int[] totals = i < 3 ? MDMA[i] : PLACEBO[i - 3];
      arms.put(code, i < 3 ? "MDMA" : "PLACEBO");
      rate(code, "BASELINE", totals[0]);
      rate(code, "PRIMARY_ENDPOINT", totals[1]);
    }
    ScriptedParticipantDirectory.ARMS.put(trial, arms);
    OutcomesFixtures.setRules(trial, "CAPS5", 10, 11);
    return trial;
  }

  private static void rate(String code, String timepoint, int total) {
    as("rater.sf")
        .contentType("application/json")
        .body(assessment("CAPS5", timepoint, caps5(total)))
        .when()
        .post("/api/outcomes/participants/{code}/assessments", code)
        .then()
        .statusCode(201);
  }

  @Test
  void pooledOnlyWhileBlinded() {
    as("sponsor.maps")
        .queryParam("timepoint", "PRIMARY_ENDPOINT")
        .when()
        .get(PATH, trial())
        .then()
        .statusCode(200)
        .body("byArm", equalTo(false))
        .body("timepoints", hasSize(1))
        .body("timepoints[0].groups.keySet()", contains("POOLED"))
        .body("timepoints[0].groups.POOLED.score.n", equalTo(6))
        .body("timepoints[0].groups.POOLED.score.mean", closeTo(168.0 / 6, 1e-9))
        .body("timepoints[0].groups.POOLED.change.mean", closeTo(-108.0 / 6, 1e-9))
        .body("timepoints[0].changeEffect", nullValue());
  }

  @Test
  void whileBlindedOnlyUnblindedRolesSeeByArm() {
    for (var user : List.of("dsmb.chair", "statistician.maps")) {
      as(user)
          .queryParam("timepoint", "PRIMARY_ENDPOINT")
          .when()
          .get(PATH, trial())
          .then()
          .statusCode(200)
          .body("byArm", equalTo(true))
          .body("timepoints[0].groups.keySet()", contains("POOLED", "MDMA", "PLACEBO"));
    }
    for (var user : List.of("sponsor.maps", "regulator.fda", "investigator.sf")) {
      as(user)
          .queryParam("timepoint", "PRIMARY_ENDPOINT")
          .when()
          .get(PATH, trial())
          .then()
          .statusCode(200)
          .body("byArm", equalTo(false))
          .body("timepoints[0].groups.keySet()", contains("POOLED"))
          .body("timepoints[0].scoreEffect", nullValue())
          .body(not(containsString("MDMA")))
          .body(not(containsString("PLACEBO")));
    }
    for (var user : List.of("rater.sf", "therapist.sf1", "coordinator.sf", "pharmacist.sf")) {
      as(user).when().get(PATH, trial()).then().statusCode(403);
    }
  }

  @Test
  void afterUnblindingTheSponsorAndRegulatorsSeeByArmSiteStaffNever() {
    var unblinded = rateSixParticipants();
    ScriptedParticipantDirectory.UNBLINDED.add(unblinded);
    OutcomesFixtures.unblind(unblinded);
    for (var user : List.of("sponsor.maps", "regulator.fda", "dsmb.chair", "statistician.maps")) {
      as(user)
          .queryParam("timepoint", "PRIMARY_ENDPOINT")
          .when()
          .get(PATH, unblinded)
          .then()
          .statusCode(200)
          .body("byArm", equalTo(true))
          .body("timepoints[0].groups.MDMA.change.mean", closeTo(-28.0, 1e-9));
    }
    as("investigator.sf")
        .queryParam("timepoint", "PRIMARY_ENDPOINT")
        .when()
        .get(PATH, unblinded)
        .then()
        .statusCode(200)
        .body("byArm", equalTo(false))
        .body("timepoints[0].groups.keySet()", contains("POOLED"));
    as("rater.sf").when().get(PATH, unblinded).then().statusCode(403);
  }

  @Test
  void byArmForTheDsmbWithCohensDAndRates() {
    var mdma = Summary.of(new double[] {-34, -26, -24});
    var placebo = Summary.of(new double[] {-14, -6, -4});
    var effect = EffectSize.between(mdma, placebo, BetterWhen.LOWER);
    as("dsmb.chair")
        .queryParam("timepoint", "PRIMARY_ENDPOINT")
        .when()
        .get(PATH, trial())
        .then()
        .statusCode(200)
        .body("byArm", equalTo(true))
        .body("timepoints[0].groups.MDMA.change.n", equalTo(3))
        .body("timepoints[0].groups.MDMA.change.mean", closeTo(-28.0, 1e-9))
        .body("timepoints[0].groups.MDMA.change.sd", closeTo(mdma.sd(), 1e-9))
        .body("timepoints[0].groups.PLACEBO.change.mean", closeTo(-8.0, 1e-9))
        .body("timepoints[0].changeEffect.d", closeTo(effect.d(), 1e-9))
        .body("timepoints[0].changeEffect.lower95", closeTo(effect.lower95(), 1e-9))
        .body("timepoints[0].changeEffect.hedgesG", closeTo(effect.hedgesG(), 1e-9))
        // Response: a drop of 10 or more.
        .body("timepoints[0].groups.MDMA.responders.count", equalTo(3))
        .body("timepoints[0].groups.PLACEBO.responders.count", equalTo(1))
        // Everyone met the diagnosis at baseline (44+ spreads 2+ over every item); at the
        // endpoint 10, 20, 24 and 30 no longer do, 40 and 44 still do.
        .body("timepoints[0].groups.MDMA.lossOfDiagnosis.count", equalTo(3))
        .body("timepoints[0].groups.MDMA.remission.count", equalTo(1))
        .body("timepoints[0].groups.PLACEBO.lossOfDiagnosis.count", equalTo(1))
        .body("timepoints[0].groups.PLACEBO.remission.count", equalTo(0));
  }

  @Test
  void subgroupFiltersAndSiteScoping() {
    as("dsmb.chair")
        .queryParam("timepoint", "PRIMARY_ENDPOINT")
        .queryParam("veteran", true)
        .when()
        .get(PATH, trial())
        .then()
        .statusCode(200)
        .body("filters.veteran", equalTo(true))
        .body("timepoints[0].groups.POOLED.score.n", equalTo(1))
        .body("timepoints[0].groups.MDMA.score.n", equalTo(1))
        .body("timepoints[0].groups.PLACEBO.score.n", equalTo(0));
    as("dsmb.chair")
        .queryParam("dissociative", true)
        .when()
        .get(PATH, trial())
        .then()
        .body("timepoints", hasSize(0));
    as("investigator.sf")
        .when()
        .get(PATH, trial())
        .then()
        .statusCode(200)
        .body("filters.sites", contains("US-SF-01"))
        .body("timepoints", hasSize(2))
        .body("timepoints[1].groups.POOLED.score.n", equalTo(6));
    as("investigator.bos")
        .when()
        .get(PATH, trial())
        .then()
        .statusCode(200)
        .body("timepoints", hasSize(0));
    as("investigator.bos")
        .queryParam("siteCode", "US-SF-01")
        .when()
        .get(PATH, trial())
        .then()
        .statusCode(404);
    as("rater.sf").when().get(PATH, trial()).then().statusCode(403);
    as("dsmb.chair")
        .queryParam("instrument", "NOPE")
        .when()
        .get(PATH, trial())
        .then()
        .statusCode(404);
  }

  @Test
  void aTrialMaySetItsOwnResponseAndRemissionRules() {
    // This trial's sponsor counts a drop of 5 as a response and a total of 20 or less (without
    // the diagnosis) as remission; the shared trial's are 10 and 11.
    var trial = newTrial();
    OutcomesFixtures.setRules(trial, "CAPS5", 5, 20);
    var mdma = newCode();
    var placebo = newCode();
    randomize(mdma, trial);
    randomize(placebo, trial);
    rate(mdma, "BASELINE", 44);
    rate(mdma, "PRIMARY_ENDPOINT", 20);
    rate(placebo, "BASELINE", 44);
    rate(placebo, "PRIMARY_ENDPOINT", 37);
    ScriptedParticipantDirectory.ARMS.put(trial, Map.of(mdma, "MDMA", placebo, "PLACEBO"));
    as("dsmb.chair")
        .queryParam("timepoint", "PRIMARY_ENDPOINT")
        .when()
        .get(PATH, trial)
        .then()
        .statusCode(200)
        .body("rules.responseMinDrop", equalTo(5))
        .body("rules.remissionMaxTotal", equalTo(20))
        .body("timepoints[0].groups.PLACEBO.responders.count", equalTo(1))
        .body("timepoints[0].groups.MDMA.remission.count", equalTo(1));
    as("dsmb.chair")
        .queryParam("timepoint", "PRIMARY_ENDPOINT")
        .when()
        .get(PATH, trial())
        .then()
        .body("rules.responseMinDrop", equalTo(10))
        .body("rules.remissionMaxTotal", equalTo(11));
  }

  @Test
  void armsNeverGuessedWhenTheDirectoryCannotAnswer() {
    ScriptedParticipantDirectory.UNAVAILABLE.add(trial());
    try {
      as("dsmb.chair")
          .when()
          .get(PATH, trial())
          .then()
          .statusCode(503)
          .body("code", equalTo("OUT-0503-DIRECTORY"));
      // A sponsor's ownership of the trial cannot be confirmed either: refused, not assumed.
      as("sponsor.maps")
          .when()
          .get(PATH, trial())
          .then()
          .statusCode(503)
          .body("code", equalTo("OUT-0503-DIRECTORY"));
    } finally {
      ScriptedParticipantDirectory.UNAVAILABLE.remove(trial());
    }
  }

  @Test
  void anotherSponsorsTrialIsNotFound() {
    // The scripted directory says every trial belongs to "maps"; northstar owns none of them.
    as("sponsor.northstar").when().get(PATH, trial()).then().statusCode(404);
    as("sponsor.northstar")
        .queryParam("guesser", "RATER")
        .queryParam("timepoint", "PRIMARY_ENDPOINT")
        .when()
        .get("/api/outcomes/trials/{trial}/blinding-indices", trial())
        .then()
        .statusCode(404);
    as("sponsor.northstar")
        .when()
        .get("/api/outcomes/trials/{trial}/exports/assessments.csv", trial())
        .then()
        .statusCode(404)
        .body("code", equalTo("OUT-0404"));
    as("sponsor.maps")
        .when()
        .get("/api/outcomes/trials/{trial}/exports/assessments.csv", trial())
        .then()
        .statusCode(200);
  }

  @Test
  void aMisspeltTimepointIsABadRequestNamingIt() {
    as("dsmb.chair")
        .queryParam("timepoint", "NEVER")
        .when()
        .get(PATH, trial())
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("timepoint"));
    as("dsmb.chair")
        .queryParam("timepoint", "PRIMARY_ENDPOINT")
        .when()
        .get("/api/outcomes/trials/{trial}/blinding-indices", trial())
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("guesser"));
  }
}

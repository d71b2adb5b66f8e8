package org.mdmaat.outcomes.statistics;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
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
import org.mdmaat.outcomes.SelfServedPeersPort;

/**
 * Response and remission thresholds are per-trial settings set by the trial's sponsor (issue 16):
 * audited with their history, refused to other roles and when implausible, and never replaced by a
 * default in statistics.
 */
@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "outcomes"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedPeersPort.class)
class OutcomeRulesResourceTest {
  static final String RULES = "/api/outcomes/trials/{trial}/outcome-rules/{instrument}";
  static final String STATISTICS = "/api/outcomes/trials/{trial}/statistics";

  private static Map<String, Object> rules(Integer drop, Integer ceiling, String reason) {
    var body = new HashMap<String, Object>();
    body.put("responseMinDrop", drop);
    body.put("remissionMaxTotal", ceiling);
    body.put("reason", reason);
    return body;
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
  void theSponsorSetsThemAuditedWithHistory() {
    var trial = newTrial();
    as("sponsor.maps")
        .when()
        .get(RULES, trial, "CAPS5")
        .then()
        .statusCode(200)
        .body("revision", equalTo(0))
        .body("responseMinDrop", nullValue());
    as("sponsor.maps")
        .contentType("application/json")
        .body(rules(10, 11, "SAP v1"))
        .when()
        .put(RULES, trial, "CAPS5")
        .then()
        .statusCode(200)
        .body("revision", equalTo(1))
        .body("responseMinDrop", equalTo(10))
        .body("remissionMaxTotal", equalTo(11))
        .body("setBy", equalTo("sponsor.maps"));
    // 0 is a value, not "unset".
    as("sponsor.maps")
        .contentType("application/json")
        .body(rules(0, 0, "SAP v2: any improvement"))
        .when()
        .put(RULES, trial, "CAPS5")
        .then()
        .statusCode(200)
        .body("revision", equalTo(2))
        .body("responseMinDrop", equalTo(0))
        .body("remissionMaxTotal", equalTo(0));
    as("dsmb.chair")
        .when()
        .get(RULES, trial, "CAPS5")
        .then()
        .statusCode(200)
        .body("revision", equalTo(2))
        .body("responseMinDrop", equalTo(0));
    as("regulator.fda")
        .when()
        .get(RULES + "/history", trial, "CAPS5")
        .then()
        .statusCode(200)
        .body("total", equalTo(2))
        .body("items[0].responseMinDrop", equalTo(10))
        .body("items[0].reason", equalTo("SAP v1"))
        .body("items[1].responseMinDrop", equalTo(0));
    as("regulator.fda")
        .queryParam("entityType", "TrialOutcomeRule")
        .queryParam("entityId", trial + "/CAPS5")
        .when()
        .get("/api/outcomes/audit")
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(2))
        .body("items.action", hasItem("CREATE"))
        .body("items.action", hasItem("UPDATE"))
        .body("items.reason", hasItem("SAP v2: any improvement"));
  }

  @Test
  void otherRolesMayNotSetThemAndNothingIsStored() {
    var trial = newTrial();
    for (var user : List.of("rater.sf", "investigator.sf", "dsmb.chair", "regulator.fda")) {
      as(user)
          .contentType("application/json")
          .body(rules(10, 11, "not mine to set"))
          .when()
          .put(RULES, trial, "CAPS5")
          .then()
          .statusCode(403);
    }
    as("sponsor.maps")
        .when()
        .get(RULES, trial, "CAPS5")
        .then()
        .statusCode(200)
        .body("revision", equalTo(0));
  }

  @Test
  void implausibleThresholdsAreRefusedNamingTheField() {
    var trial = newTrial();
    as("sponsor.maps")
        .contentType("application/json")
        .body(rules(-1, 11, "typo"))
        .when()
        .put(RULES, trial, "CAPS5")
        .then()
        .statusCode(422)
        .body("code", equalTo("OUT-0422-RULES"))
        .body("violations.field", hasItem("responseMinDrop"));
    as("sponsor.maps")
        .contentType("application/json")
        .body(rules(10, 81, "beyond the CAPS-5 total"))
        .when()
        .put(RULES, trial, "CAPS5")
        .then()
        .statusCode(422)
        .body("violations.field", hasItem("remissionMaxTotal"));
    as("sponsor.maps")
        .contentType("application/json")
        .body(rules(10, -3, "negative"))
        .when()
        .put(RULES, trial, "CAPS5")
        .then()
        .statusCode(422)
        .body("violations.field", hasItem("remissionMaxTotal"));
    as("sponsor.maps")
        .contentType("application/json")
        .body(rules(81, null, "a drop no total allows"))
        .when()
        .put(RULES, trial, "CAPS5")
        .then()
        .statusCode(422)
        .body("violations.field", hasItem("responseMinDrop"));
    // BDI-II has no diagnosis: no remission to define.
    as("sponsor.maps")
        .contentType("application/json")
        .body(rules(5, 13, "no diagnosis"))
        .when()
        .put(RULES, trial, "BDI2")
        .then()
        .statusCode(422)
        .body("violations.field", hasItem("remissionMaxTotal"));
    as("sponsor.maps")
        .contentType("application/json")
        .body(rules(null, null, "nothing"))
        .when()
        .put(RULES, trial, "CAPS5")
        .then()
        .statusCode(422);
    as("sponsor.maps")
        .contentType("application/json")
        .body(rules(10, 11, " "))
        .when()
        .put(RULES, trial, "CAPS5")
        .then()
        .statusCode(400);
    as("sponsor.maps")
        .when()
        .get(RULES, trial, "CAPS5")
        .then()
        .statusCode(200)
        .body("revision", equalTo(0));
  }

  @Test
  void statisticsWithoutThresholdsSayNotAvailableNamingTheSettingNeverADefault() {
    var trial = newTrial();
    var code = newCode();
    randomize(code, trial);
    rate(code, "BASELINE", 44);
    rate(code, "PRIMARY_ENDPOINT", 10);
    as("dsmb.chair")
        .queryParam("timepoint", "PRIMARY_ENDPOINT")
        .when()
        .get(STATISTICS, trial)
        .then()
        .statusCode(200)
        .body("rules", not(hasKey("responseMinDrop")))
        .body("rules", not(hasKey("remissionMaxTotal")))
        .body("notAvailable.responders", containsString("responseMinDrop is not set"))
        .body("notAvailable.responders", containsString(trial))
        .body("notAvailable.remission", containsString("remissionMaxTotal is not set"))
        .body("timepoints[0].groups.POOLED.responders", nullValue())
        .body("timepoints[0].groups.POOLED.remission", nullValue())
        // What needs no threshold is still given.
        .body("timepoints[0].groups.POOLED.lossOfDiagnosis.count", equalTo(1));

    // Only the response threshold set (0 is a value): responders given, remission still not.
    as("sponsor.maps")
        .contentType("application/json")
        .body(rules(0, null, "SAP v1"))
        .when()
        .put(RULES, trial, "CAPS5")
        .then()
        .statusCode(200);
    as("dsmb.chair")
        .queryParam("timepoint", "PRIMARY_ENDPOINT")
        .when()
        .get(STATISTICS, trial)
        .then()
        .statusCode(200)
        .body("rules.responseMinDrop", equalTo(0))
        .body("rules.rulesRevision", equalTo(1))
        .body("notAvailable", not(hasKey("responders")))
        .body("notAvailable.remission", containsString("remissionMaxTotal is not set"))
        .body("timepoints[0].groups.POOLED.responders.count", equalTo(1))
        .body("timepoints[0].groups.POOLED.remission", nullValue());
  }
}

package org.mdmaat.outcomes.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.mdmaat.outcomes.OutcomesFixtures.as;
import static org.mdmaat.outcomes.OutcomesFixtures.dose;
import static org.mdmaat.outcomes.OutcomesFixtures.newCode;
import static org.mdmaat.outcomes.OutcomesFixtures.newTrial;
import static org.mdmaat.outcomes.OutcomesFixtures.randomize;
import static org.mdmaat.outcomes.OutcomesFixtures.sds;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.outcomes.SelfServedPeersPort;

/**
 * Timepoint windows (issue 16): counted from the baseline visit and from dosing sessions
 * (DoseAdministered from session-service through Kafka); an assessment out of its window is
 * accepted and flagged in its view, its audit entry, statistics and the CSV export; a missing
 * anchor is said, never taken as in window.
 */
@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "outcomes"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedPeersPort.class)
class AssessmentWindowTest {
  static final String SITE = "US-SF-01";

  private static String record(
      String user, String code, String instrument, String timepoint, String at, Object responses) {
    return as(user)
        .contentType("application/json")
        .body(
            Map.of(
                "instrument",
                instrument,
                "timepoint",
                timepoint,
                "administeredAt",
                at,
                "responses",
                responses))
        .when()
        .post("/api/outcomes/participants/{code}/assessments", code)
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  /** BDI-II responses: every item {@code value}. */
  private static Map<String, Integer> bdi2(int value) {
    var responses = new java.util.HashMap<String, Integer>();
    for (int i = 1; i <= 21; i++) {
      responses.put("Q" + i, value);
    }
    return responses;
  }

  @Test
  void windowsCountFromDosingAndBaselineAndOutOfWindowIsFlagged() {
    var trial = newTrial();
    var code = newCode();
    randomize(code, trial);
    // Dosing session 1 on 2 March: initial dose, then the supplemental one (not an anchor).
    dose(code, trial, SITE, "S-" + code + "-1", false, Instant.parse("2026-03-02T17:00:00Z"));
    dose(code, trial, SITE, "S-" + code + "-1", true, Instant.parse("2026-03-02T19:00:00Z"));

    // BDI-II and SDS: no independent-rater call on the way; windows are the same for every
    // instrument.
    var baseline =
        record("coordinator.sf", code, "BDI2", "BASELINE", "2026-02-20T17:00:00Z", bdi2(2));
    as("coordinator.sf")
        .when()
        .get("/api/outcomes/assessments/{id}", baseline)
        .then()
        .statusCode(200)
        .body("window.status", equalTo("IN_WINDOW"))
        .body("window.anchor", equalTo("DOSING_SESSION_1"))
        .body("window.anchorDate", equalTo("2026-03-02"))
        .body("window.latest", equalTo("2026-03-01"));

    // Two weeks after session 1: on target.
    var onTarget =
        record("coordinator.sf", code, "BDI2", "AFTER_SESSION_1", "2026-03-16T17:00:00Z", bdi2(1));
    as("coordinator.sf")
        .when()
        .get("/api/outcomes/assessments/{id}", onTarget)
        .then()
        .body("window.status", equalTo("IN_WINDOW"))
        .body("window.targetDate", equalTo("2026-03-16"))
        .body("window.daysFromTarget", equalTo(0));

    // Seven weeks after session 1: accepted, flagged, and the audit entry says so.
    var late =
        as("coordinator.sf")
            .contentType("application/json")
            .body(
                Map.of(
                    "instrument", "SDS",
                    "timepoint", "AFTER_SESSION_1",
                    "administeredAt", "2026-04-20T17:00:00Z",
                    "responses", sds(5, 5, 5)))
            .when()
            .post("/api/outcomes/participants/{code}/assessments", code)
            .then()
            .statusCode(201)
            .body("window.status", equalTo("OUT_OF_WINDOW"))
            .body("window.latest", equalTo("2026-03-23"))
            .body("window.daysFromTarget", equalTo(35))
            .extract()
            .<String>path("id");
    as("regulator.fda")
        .queryParam("entityType", "Assessment")
        .queryParam("entityId", late)
        .when()
        .get("/api/outcomes/audit")
        .then()
        .statusCode(200)
        .body("items[0].after.window.status", equalTo("OUT_OF_WINDOW"));

    // The primary endpoint counts from the baseline visit (20 Feb + 18 weeks = 26 June).
    var primary =
        record(
            "coordinator.sf",
            code,
            "SDS",
            "PRIMARY_ENDPOINT",
            "2026-06-20T17:00:00Z",
            sds(2, 2, 2));
    as("coordinator.sf")
        .when()
        .get("/api/outcomes/assessments/{id}", primary)
        .then()
        .body("window.status", equalTo("IN_WINDOW"))
        .body("window.anchor", equalTo("BASELINE"))
        .body("window.targetDate", equalTo("2026-06-26"));

    as("sponsor.maps")
        .queryParam("instrument", "SDS")
        .queryParam("timepoint", "AFTER_SESSION_1")
        .when()
        .get("/api/outcomes/trials/{trial}/statistics", trial)
        .then()
        .statusCode(200)
        .body("timepoints[0].groups.POOLED.outOfWindow.count", equalTo(1))
        .body("timepoints[0].groups.POOLED.outOfWindow.of", equalTo(1));
    var csv =
        as("regulator.fda")
            .queryParam("instrument", "SDS")
            .when()
            .get("/api/outcomes/trials/{trial}/exports/assessments.csv", trial)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(csv).contains(late).contains(",OUT_OF_WINDOW,2026-03-16").contains(",IN_WINDOW,");

    // A correction of the date back into the window clears the flag, audited before/after.
    as("coordinator.sf")
        .contentType("application/json")
        .body(
            Map.of(
                "responses", sds(5, 5, 5),
                "administeredAt", "2026-03-20T17:00:00Z",
                "reason", "date transcribed wrongly"))
        .when()
        .put("/api/outcomes/assessments/{id}", late)
        .then()
        .statusCode(200)
        .body("window.status", equalTo("IN_WINDOW"));
    as("regulator.fda")
        .queryParam("entityType", "Assessment")
        .queryParam("entityId", late)
        .when()
        .get("/api/outcomes/audit")
        .then()
        .body("items.find { it.action == 'UPDATE' }.before.window.status", equalTo("OUT_OF_WINDOW"))
        .body("items.find { it.action == 'UPDATE' }.after.window.status", equalTo("IN_WINDOW"));
  }

  @Test
  void aMissingAnchorIsSaidNeverTakenAsInWindowAndCountedApart() {
    var trial = newTrial();
    var code = newCode();
    randomize(code, trial);
    // No dose received and no baseline recorded.
    as("coordinator.sf")
        .contentType("application/json")
        .body(
            Map.of(
                "instrument", "BDI2",
                "timepoint", "AFTER_SESSION_2",
                "administeredAt", "2026-05-01T17:00:00Z",
                "responses", bdi2(1)))
        .when()
        .post("/api/outcomes/participants/{code}/assessments", code)
        .then()
        .statusCode(201)
        .body("window.status", equalTo("ANCHOR_MISSING"))
        .body("window.anchor", equalTo("DOSING_SESSION_2"))
        .body("window.detail", containsString("dosing session 2"))
        .body("window.targetDate", nullValue());
    var primary =
        record(
            "coordinator.sf",
            code,
            "SDS",
            "PRIMARY_ENDPOINT",
            "2026-06-20T17:00:00Z",
            sds(2, 2, 2));
    as("coordinator.sf")
        .when()
        .get("/api/outcomes/assessments/{id}", primary)
        .then()
        .body("window.status", equalTo("ANCHOR_MISSING"))
        .body("window.detail", containsString("BASELINE"));
    as("sponsor.maps")
        .queryParam("instrument", "SDS")
        .queryParam("timepoint", "PRIMARY_ENDPOINT")
        .when()
        .get("/api/outcomes/trials/{trial}/statistics", trial)
        .then()
        .statusCode(200)
        .body("timepoints[0].groups.POOLED.outOfWindow.count", equalTo(0))
        .body("timepoints[0].groups.POOLED.windowUnknown", equalTo(1));

    // The anchor arriving later is taken into account from then on: two weeks after session 2's
    // dose is on target.
    dose(code, trial, SITE, "S-" + code + "-1", false, Instant.parse("2026-03-20T17:00:00Z"));
    dose(code, trial, SITE, "S-" + code + "-2", false, Instant.parse("2026-04-17T17:00:00Z"));
    as("coordinator.sf")
        .queryParam("timepoint", "AFTER_SESSION_2")
        .when()
        .get("/api/outcomes/participants/{code}/assessments", code)
        .then()
        .statusCode(200)
        .body("items[0].window.status", equalTo("IN_WINDOW"))
        .body("items[0].window.anchorDate", equalTo("2026-04-17"));
  }
}

package org.mdmaat.outcomes.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.outcomes.SelfServedPeersPort;

/**
 * Timepoint windows are per-trial settings set by the trial's sponsor (issue 16; the widths are
 * assumptions, DOMAIN.md): the protocol's numbers are only the defaults, a setting is audited with
 * its history, and assessments' windows (their view, statistics, the CSV export) are judged against
 * the setting in force when read. Refused to other roles, for another sponsor's trial, and when
 * inverted, out of range or out of the timepoint's shape.
 */
@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "outcomes"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedPeersPort.class)
class TimepointWindowsResourceTest {
  static final String SITE = "US-SF-01";
  static final String WINDOWS = "/api/outcomes/trials/{trial}/timepoint-windows";
  static final String WINDOW = WINDOWS + "/{timepoint}";
  static final String STATISTICS = "/api/outcomes/trials/{trial}/statistics";

  private static Map<String, Object> window(
      Integer target, Integer earliest, Integer latest, String reason) {
    var body = new HashMap<String, Object>();
    body.put("targetDays", target);
    body.put("earliestDays", earliest);
    body.put("latestDays", latest);
    body.put("reason", reason);
    return body;
  }

  private static String record(String code, String timepoint, String at) {
    return as("coordinator.sf")
        .contentType("application/json")
        .body(
            Map.of(
                "instrument",
                "SDS",
                "timepoint",
                timepoint,
                "administeredAt",
                at,
                "responses",
                sds(4, 4, 4)))
        .when()
        .post("/api/outcomes/participants/{code}/assessments", code)
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static String status(String assessment) {
    return as("coordinator.sf")
        .when()
        .get("/api/outcomes/assessments/{id}", assessment)
        .then()
        .statusCode(200)
        .extract()
        .path("window.status");
  }

  private static void outOfWindow(String trial, String timepoint, int count, int of) {
    as("sponsor.maps")
        .queryParam("instrument", "SDS")
        .queryParam("timepoint", timepoint)
        .when()
        .get(STATISTICS, trial)
        .then()
        .statusCode(200)
        .body("timepoints[0].groups.POOLED.outOfWindow.count", equalTo(count))
        .body("timepoints[0].groups.POOLED.outOfWindow.of", equalTo(of));
  }

  private static int put(String user, String trial, String timepoint, Map<String, Object> body) {
    return as(user)
        .contentType("application/json")
        .body(body)
        .when()
        .put(WINDOW, trial, timepoint)
        .then()
        .extract()
        .statusCode();
  }

  /** GET of all windows, as maps by timepoint name. */
  private static Map<String, Map<String, Object>> inForce(String user, String trial) {
    List<Map<String, Object>> all =
        as(user).when().get(WINDOWS, trial).then().statusCode(200).extract().jsonPath().getList("");
    var byTimepoint = new HashMap<String, Map<String, Object>>();
    all.forEach(w -> byTimepoint.put((String) w.get("timepoint"), w));
    assertThat(all).hasSize(Timepoint.values().length);
    return byTimepoint;
  }

  private static String participantDosedOn(String trial, String day) {
    var code = newCode();
    randomize(code, trial);
    dose(code, trial, SITE, "S-" + code + "-1", false, Instant.parse(day + "T17:00:00Z"));
    return code;
  }

  @Test
  void untilTheSponsorSetsThemTheProtocolDefaultsApplyAndSaySo() {
    var trial = newTrial();
    var all = inForce("regulator.fda", trial);
    assertThat(all.get("AFTER_SESSION_1"))
        .containsEntry("default", true)
        .containsEntry("revision", 0)
        .containsEntry("anchor", "DOSING_SESSION_1")
        .containsEntry("targetDays", 14)
        .containsEntry("earliestDays", 1)
        .containsEntry("latestDays", 21)
        .containsEntry("setBy", null)
        .doesNotContainKey("protocolDefault");
    assertThat(all.get("PRIMARY_ENDPOINT"))
        .containsEntry("default", true)
        .containsEntry("anchor", "BASELINE")
        .containsEntry("targetDays", 126)
        .containsEntry("earliestDays", 112)
        .containsEntry("latestDays", 140);
    assertThat(all.get("BASELINE"))
        .containsEntry("targetDays", null)
        .containsEntry("earliestDays", null)
        .containsEntry("latestDays", -1);
    as("dsmb.chair")
        .when()
        .get(WINDOW + "/history", trial, "AFTER_SESSION_1")
        .then()
        .statusCode(200)
        .body("total", equalTo(0));
  }

  @Test
  void theSponsorWidensAndNarrowsAWindowAuditedWithHistoryAndAssessmentsAreJudgedByIt() {
    var trial = newTrial();
    var code = participantDosedOn(trial, "2026-03-02");
    // Seven weeks after session 1: out of the default window (+1..+21).
    var late = record(code, "AFTER_SESSION_1", "2026-04-20T17:00:00Z");
    as("coordinator.sf")
        .when()
        .get("/api/outcomes/assessments/{id}", late)
        .then()
        .body("window.status", equalTo("OUT_OF_WINDOW"))
        .body("window.windowRevision", equalTo(0))
        .body("window.latest", equalTo("2026-03-23"));
    outOfWindow(trial, "AFTER_SESSION_1", 1, 1);

    // Widened to +56: the same assessment, read again, is in its window.
    as("sponsor.maps")
        .contentType("application/json")
        .body(window(14, 1, 56, "Amendment 2: visits after session 1 up to 8 weeks"))
        .when()
        .put(WINDOW, trial, "AFTER_SESSION_1")
        .then()
        .statusCode(200)
        .body("default", equalTo(false))
        .body("revision", equalTo(1))
        .body("anchor", equalTo("DOSING_SESSION_1"))
        .body("latestDays", equalTo(56))
        .body("setBy", equalTo("sponsor.maps"));
    as("coordinator.sf")
        .when()
        .get("/api/outcomes/assessments/{id}", late)
        .then()
        .statusCode(200)
        .body("window.status", equalTo("IN_WINDOW"))
        .body("window.windowRevision", equalTo(1))
        .body("window.latest", equalTo("2026-04-27"))
        .body("window.targetDate", equalTo("2026-03-16"));
    outOfWindow(trial, "AFTER_SESSION_1", 0, 1);
    var csv =
        as("regulator.fda")
            .queryParam("instrument", "SDS")
            .when()
            .get("/api/outcomes/trials/{trial}/exports/assessments.csv", trial)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(csv).contains(",IN_WINDOW,2026-03-16").doesNotContain("OUT_OF_WINDOW");

    // Narrowed to +1..+10 with the target on day 7: an assessment on day 14, in the default
    // window, is now out of it, and so is the late one.
    var day14 =
        record(participantDosedOn(trial, "2026-03-02"), "AFTER_SESSION_1", "2026-03-16T09:00:00Z");
    assertThat(status(day14)).isEqualTo("IN_WINDOW");
    as("sponsor.maps")
        .contentType("application/json")
        .body(window(7, 1, 10, "Amendment 3: tighter"))
        .when()
        .put(WINDOW, trial, "AFTER_SESSION_1")
        .then()
        .statusCode(200)
        .body("revision", equalTo(2));
    as("coordinator.sf")
        .when()
        .get("/api/outcomes/assessments/{id}", day14)
        .then()
        .body("window.status", equalTo("OUT_OF_WINDOW"))
        .body("window.windowRevision", equalTo(2))
        .body("window.targetDate", equalTo("2026-03-09"))
        .body("window.daysFromTarget", equalTo(7));
    assertThat(status(late)).isEqualTo("OUT_OF_WINDOW");
    outOfWindow(trial, "AFTER_SESSION_1", 2, 2);
    // Another timepoint keeps its default.
    var all = inForce("investigator.sf", trial);
    assertThat(all.get("AFTER_SESSION_1"))
        .containsEntry("default", false)
        .containsEntry("revision", 2)
        .containsEntry("targetDays", 7)
        .containsEntry("reason", "Amendment 3: tighter");
    assertThat(all.get("AFTER_SESSION_2"))
        .containsEntry("default", true)
        .containsEntry("latestDays", 21);
    // Another trial is not touched.
    assertThat(inForce("regulator.fda", newTrial()).get("AFTER_SESSION_1"))
        .containsEntry("default", true);

    as("regulator.fda")
        .when()
        .get(WINDOW + "/history", trial, "AFTER_SESSION_1")
        .then()
        .statusCode(200)
        .body("total", equalTo(2))
        .body("items[0].revision", equalTo(1))
        .body("items[0].latestDays", equalTo(56))
        .body("items[0].reason", equalTo("Amendment 2: visits after session 1 up to 8 weeks"))
        .body("items[1].revision", equalTo(2))
        .body("items[1].earliestDays", equalTo(1));
    as("regulator.fda")
        .queryParam("entityType", "TrialTimepointWindow")
        .queryParam("entityId", trial + "/AFTER_SESSION_1")
        .when()
        .get("/api/outcomes/audit")
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(2))
        .body("items.find { it.action == 'CREATE' }.before.latestDays", equalTo(21))
        .body("items.find { it.action == 'CREATE' }.after.latestDays", equalTo(56))
        .body("items.find { it.action == 'CREATE' }.actor", equalTo("sponsor.maps"))
        .body("items.find { it.action == 'UPDATE' }.before.latestDays", equalTo(56))
        .body("items.find { it.action == 'UPDATE' }.after.latestDays", equalTo(10))
        .body("items.reason", hasItem("Amendment 3: tighter"));
  }

  @Test
  void zeroIsADayNotUnset() {
    var trial = newTrial();
    var code = participantDosedOn(trial, "2026-03-02");
    // A baseline on the dosing day and an assessment on the dosing day: both out by default.
    var baseline = record(code, "BASELINE", "2026-03-02T08:00:00Z");
    var sameDay = record(code, "AFTER_SESSION_1", "2026-03-02T22:00:00Z");
    assertThat(status(baseline)).isEqualTo("OUT_OF_WINDOW");
    assertThat(status(sameDay)).isEqualTo("OUT_OF_WINDOW");

    as("sponsor.maps")
        .contentType("application/json")
        .body(window(null, null, 0, "baseline may be taken on the dosing day, before the dose"))
        .when()
        .put(WINDOW, trial, "BASELINE")
        .then()
        .statusCode(200)
        .body("latestDays", equalTo(0))
        .body("targetDays", nullValue())
        .body("earliestDays", nullValue());
    as("sponsor.maps")
        .contentType("application/json")
        .body(window(0, 0, 0, "same-day check"))
        .when()
        .put(WINDOW, trial, "AFTER_SESSION_1")
        .then()
        .statusCode(200)
        .body("targetDays", equalTo(0))
        .body("earliestDays", equalTo(0))
        .body("latestDays", equalTo(0));
    assertThat(status(baseline)).isEqualTo("IN_WINDOW");
    as("coordinator.sf")
        .when()
        .get("/api/outcomes/assessments/{id}", sameDay)
        .then()
        .body("window.status", equalTo("IN_WINDOW"))
        .body("window.earliest", equalTo("2026-03-02"))
        .body("window.latest", equalTo("2026-03-02"))
        .body("window.daysFromTarget", equalTo(0));
  }

  @Test
  void otherRolesMayNotSetThemAndNothingIsStored() {
    var trial = newTrial();
    for (var user :
        List.of("rater.sf", "coordinator.sf", "investigator.sf", "dsmb.chair", "regulator.fda")) {
      assertThat(put(user, trial, "AFTER_SESSION_1", window(14, 1, 60, "not mine to set")))
          .as(user)
          .isEqualTo(403);
    }
    // Reading is for those who read statistics.
    as("coordinator.sf").when().get(WINDOWS, trial).then().statusCode(403);
    as("rater.sf").when().get(WINDOW + "/history", trial, "AFTER_SESSION_1").then().statusCode(403);
    assertThat(inForce("sponsor.maps", trial).get("AFTER_SESSION_1"))
        .containsEntry("default", true)
        .containsEntry("latestDays", 21);
  }

  @Test
  void anotherSponsorsTrialLooksLikeNone() {
    var trial = newTrial();
    as("sponsor.northstar")
        .contentType("application/json")
        .body(window(14, 1, 60, "not my trial"))
        .when()
        .put(WINDOW, trial, "AFTER_SESSION_1")
        .then()
        .statusCode(404)
        .body("code", equalTo("OUT-0404"));
    as("sponsor.northstar").when().get(WINDOWS, trial).then().statusCode(404);
    as("sponsor.northstar")
        .when()
        .get(WINDOW + "/history", trial, "AFTER_SESSION_1")
        .then()
        .statusCode(404);
    as("sponsor.maps")
        .when()
        .get(WINDOW + "/history", trial, "AFTER_SESSION_1")
        .then()
        .statusCode(200)
        .body("total", equalTo(0));
  }

  @Test
  void brokenWindowsAreRefusedNamingTheFieldAndNothingIsStored() {
    var trial = newTrial();
    List<Object[]> refused =
        List.of(
            // Inverted: earliest after target, target after latest.
            new Object[] {"AFTER_SESSION_1", window(14, 20, 21, "inverted"), "earliestDays"},
            new Object[] {"AFTER_SESSION_1", window(30, 1, 21, "inverted"), "latestDays"},
            // Out of range.
            new Object[] {"FOLLOW_UP_12_MONTHS", window(365, 335, 1000, "too far"), "latestDays"},
            new Object[] {"AFTER_SESSION_2", window(14, -3, 21, "before the dose"), "earliestDays"},
            new Object[] {"BASELINE", window(null, null, 3, "after the dose"), "latestDays"},
            new Object[] {"BASELINE", window(null, null, -400, "over a year"), "latestDays"},
            // Out of shape: a bound missing, or a target/start for BASELINE.
            new Object[] {"PRIMARY_ENDPOINT", window(126, null, 140, "no start"), "earliestDays"},
            new Object[] {"PRIMARY_ENDPOINT", window(null, 112, 140, "no target"), "targetDays"},
            new Object[] {"BASELINE", window(-7, null, -1, "a target"), "targetDays"},
            new Object[] {"BASELINE", window(null, -30, -1, "a start"), "earliestDays"},
            new Object[] {"BASELINE", window(null, null, null, "nothing"), "latestDays"});
    for (var broken : refused) {
      as("sponsor.maps")
          .contentType("application/json")
          .body(broken[1])
          .when()
          .put(WINDOW, trial, broken[0])
          .then()
          .statusCode(422)
          .body("code", equalTo("OUT-0422-WINDOW"))
          .body("violations.field", hasItem(broken[2]));
    }
    as("sponsor.maps")
        .contentType("application/json")
        .body(window(14, 1, 21, " "))
        .when()
        .put(WINDOW, trial, "AFTER_SESSION_1")
        .then()
        .statusCode(400);
    as("sponsor.maps")
        .contentType("application/json")
        .body(window(14, 1, 21, "no such timepoint"))
        .when()
        .put(WINDOW, trial, "AFTER_SESSION_9")
        .then()
        .statusCode(404)
        .body("code", equalTo("OUT-0404"));
    inForce("sponsor.maps", trial)
        .values()
        .forEach(
            w -> assertThat(w).as(w.get("timepoint").toString()).containsEntry("default", true));
    as("regulator.fda")
        .queryParam("entityType", "TrialTimepointWindow")
        .queryParam("entityId", trial + "/AFTER_SESSION_1")
        .when()
        .get("/api/outcomes/audit")
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(0));
  }

  @Test
  void simultaneousChangesNeverShareARevision() throws Exception {
    var trial = newTrial();
    List<Callable<Integer>> puts =
        IntStream.range(0, 6)
            .<Callable<Integer>>mapToObj(
                i ->
                    () ->
                        put(
                            "sponsor.maps",
                            trial,
                            "AFTER_SESSION_3",
                            window(14, 1, 22 + i, "r" + i)))
            .toList();
    var statuses = Collections.synchronizedList(new ArrayList<Integer>());
    var pool = Executors.newFixedThreadPool(6);
    try {
      for (var answer : pool.invokeAll(puts)) {
        statuses.add(answer.get());
      }
    } finally {
      pool.shutdown();
    }
    // Each either saved as its own next revision or refused as a concurrent change (409).
    assertThat(statuses).containsAnyOf(200).allMatch(s -> s == 200 || s == 409);
    long saved = statuses.stream().filter(s -> s == 200).count();
    List<Integer> revisions =
        as("sponsor.maps")
            .queryParam("size", 50)
            .when()
            .get(WINDOW + "/history", trial, "AFTER_SESSION_3")
            .then()
            .statusCode(200)
            .body("total", equalTo((int) saved))
            .extract()
            .jsonPath()
            .getList("items.revision", Integer.class);
    assertThat(revisions)
        .containsExactlyElementsOf(IntStream.rangeClosed(1, (int) saved).boxed().toList());
  }
}

package org.mdmaat.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.Platform;

/**
 * The three ways a dose once got through that the trial's own rules forbid, each refused through
 * the gateway with a problem that says why, and nothing recorded: a supplemental dose in a trial
 * configured without one (a 0 read as "unset"), experimental session 2 before session 1, and a
 * trial the sponsor had terminated.
 */
class DosingFailsClosedTest {
  private final Platform platform = RunningPlatform.get();

  private RequestSpecification as(String user) {
    return Scenario.as(platform, user);
  }

  private String randomizedParticipant(String trialId) {
    var code =
        Scenario.enrolled(
            new Scenario.Users() {
              @Override
              public RequestSpecification coordinator() {
                return as("coordinator.sf");
              }

              @Override
              public RequestSpecification investigator() {
                return as("investigator.sf");
              }
            },
            trialId,
            Scenario.SF,
            Scenario.unique("Dose Check").replace('-', ' '),
            null);
    Scenario.randomize(as("coordinator.sf"), code);
    Scenario.receiveKits(as("pharmacist.sf"), () -> as("pharmacist.sf"), trialId, List.of(code));
    return code;
  }

  /** Books, checks in and passes the pre-dose checks of experimental session {@code number}. */
  private String ready(String code, int number, String room) {
    var schedule = Scenario.awaitSchedule(() -> as("coordinator.sf"), code);
    var session = Scenario.experimentalSession(schedule, number);
    Scenario.bookDosing(
        () -> as("coordinator.sf"),
        schedule,
        session,
        room,
        List.of("therapist.sf1", "therapist.sf2"));
    as("therapist.sf1")
        .when()
        .post("/api/sessions/visits/" + session + "/check-in")
        .then()
        .statusCode(200);
    as("therapist.sf1")
        .contentType("application/json")
        .body(Scenario.passingPreDoseChecks())
        .when()
        .post("/api/sessions/visits/" + session + "/pre-dose-checks")
        .then()
        .statusCode(200);
    return session;
  }

  private io.restassured.response.ValidatableResponse dose(
      String session, double mg, boolean supplemental) {
    return as("therapist.sf1")
        .contentType("application/json")
        .body(Scenario.dose(mg, supplemental, Instant.now()))
        .when()
        .post("/api/sessions/visits/" + session + "/doses")
        .then();
  }

  /** What a dose of the participant would write in session-service. */
  private Map<String, Long> sessionRows(String code) {
    var counts = new java.util.LinkedHashMap<String, Long>();
    for (var table : List.of("dose", "protocol_deviation", "audit_entry")) {
      counts.put(
          table,
          Scenario.count(
              platform,
              "session",
              "select count(*) from " + table + " where participant_code = ?",
              code));
    }
    counts.put(
        "outbox_event",
        Scenario.count(
            platform, "session", "select count(*) from outbox_event where message_key = ?", code));
    counts.put(
        "kit_movement",
        Scenario.count(
            platform,
            "session",
            "select count(*) from kit_movement m join dose d on d.id = m.dose_id"
                + " where d.participant_code = ?",
            code));
    return counts;
  }

  @Test
  void aTrialWithoutSupplementalDoseGivesNoneAndSessionTwoWaitsForSessionOne() {
    var trialId =
        Scenario.recruitingTrial(
            as("sponsor.maps"),
            as("sponsor.maps"),
            Scenario.trialRequest(
                Scenario.unique("NOSUP"), 10, Map.of("supplementalFraction", 0.0), null));
    as("sponsor.maps")
        .when()
        .get("/api/recruitment/trials/" + trialId)
        .then()
        .statusCode(200)
        .body("regimen.supplementalFraction", equalTo(0.0f));
    var code = randomizedParticipant(trialId);
    var first = ready(code, 1, "No-supplement room");
    dose(first, 80, false).statusCode(201);

    var before = sessionRows(code);
    dose(first, 40, true)
        .statusCode(422)
        .contentType(startsWith("application/problem+json"))
        .body("code", equalTo("SES-0422-DOSE"))
        .body("violations.field", hasItem("supplemental"))
        .body("violations.message", hasItem(containsString("no supplemental dose")));
    assertThat(sessionRows(code)).isEqualTo(before);

    // Session 2 while session 1 is still running.
    var second = ready(code, 2, "No-supplement room");
    before = sessionRows(code);
    dose(second, 120, false)
        .statusCode(422)
        .contentType(startsWith("application/problem+json"))
        .body("code", equalTo("SES-0422-SEQUENCE"))
        .body("detail", containsString("session 1 is DOSED"));
    assertThat(sessionRows(code)).isEqualTo(before);
  }

  @Test
  void aTerminatedTrialDosesNoOne() {
    var trialId = Scenario.recruitingTrial(as("sponsor.maps"), as("sponsor.maps"));
    var code = randomizedParticipant(trialId);
    var first = ready(code, 1, "Terminated-trial room");
    as("sponsor.maps")
        .contentType("application/json")
        .body(Map.of("status", "TERMINATED", "reason", "sponsor decision"))
        .when()
        .post("/api/recruitment/trials/" + trialId + "/status")
        .then()
        .statusCode(200)
        .body("status", equalTo("TERMINATED"));

    var before = sessionRows(code);
    dose(first, 80, false)
        .statusCode(422)
        .contentType(startsWith("application/problem+json"))
        .body("code", equalTo("SES-0422-TRIAL"))
        .body("detail", containsString("TERMINATED"));
    assertThat(sessionRows(code)).isEqualTo(before);
    as("therapist.sf1")
        .when()
        .get("/api/sessions/visits/" + first)
        .then()
        .body("status", equalTo("PRE_DOSE_CHECKS_PASSED"));
  }
}

package org.mdmaat.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.Platform;

/**
 * The independent-rater rule across services: a rater who is booked on one of the participant's
 * sessions in session-service is on the treatment team (gRPC TreatmentTeam), and outcomes-service
 * refuses their CAPS-5 for that participant and writes nothing; another participant they may rate.
 */
class IndependentRaterTest {

  @Test
  void aRaterOnTheTreatmentTeamMayNotRateCaps5() {
    Platform platform = RunningPlatform.get();
    var trialId =
        Scenario.recruitingTrial(
            Scenario.as(platform, "sponsor.maps"), Scenario.as(platform, "sponsor.maps"));
    var staff =
        new Scenario.Users() {
          @Override
          public RequestSpecification coordinator() {
            return Scenario.as(platform, "coordinator.sf");
          }

          @Override
          public RequestSpecification investigator() {
            return Scenario.as(platform, "investigator.sf");
          }
        };
    var treated = Scenario.enrolled(staff, trialId, Scenario.SF, "Rated Case One", null);
    var other = Scenario.enrolled(staff, trialId, Scenario.SF, "Rated Case Two", null);
    Scenario.randomize(Scenario.as(platform, "coordinator.sf"), treated);
    Scenario.randomize(Scenario.as(platform, "coordinator.sf"), other);

    // clinician.sf (therapist and rater) runs a preparation session of the first participant.
    var schedule = Scenario.awaitSchedule(() -> Scenario.as(platform, "coordinator.sf"), treated);
    var preparation =
        schedule.getString("items.find { it.kind == 'PREPARATION' && it.number == 1 }.id");
    var start =
        LocalDate.parse(
                schedule.getString("items.find { it.id == '" + preparation + "' }.windowEnd"))
            .atTime(13, 0)
            .atOffset(ZoneOffset.UTC);
    Scenario.as(platform, "coordinator.sf")
        .contentType("application/json")
        .body(
            Map.of(
                "room",
                "Preparation room " + Scenario.unique("R"),
                "startsAt",
                start.toString(),
                "endsAt",
                start.plusHours(1).toString(),
                "therapists",
                List.of("clinician.sf")))
        .when()
        .put("/api/sessions/visits/" + preparation + "/booking")
        .then()
        .statusCode(200);

    for (var code : List.of(treated, other)) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  Scenario.as(platform, "clinician.sf")
                          .when()
                          .get("/api/outcomes/participants/" + code + "/assessments")
                          .statusCode()
                      == 200);
    }
    var caps = caps5Baseline();
    Scenario.as(platform, "clinician.sf")
        .contentType("application/json")
        .body(caps)
        .when()
        .post("/api/outcomes/participants/" + treated + "/assessments")
        .then()
        .statusCode(403)
        .body("code", equalTo("OUT-0403-TEAM"));
    assertThat(
            Scenario.count(
                platform,
                "outcomes",
                "select count(*) from assessment where participant_code = ?",
                treated))
        .isZero();
    // An investigator is no rater either.
    Scenario.as(platform, "investigator.sf")
        .contentType("application/json")
        .body(caps)
        .when()
        .post("/api/outcomes/participants/" + treated + "/assessments")
        .then()
        .statusCode(403)
        .body("code", equalTo("OUT-0403"));
    // The participant they never treated, they rate.
    Scenario.as(platform, "clinician.sf")
        .contentType("application/json")
        .body(caps)
        .when()
        .post("/api/outcomes/participants/" + other + "/assessments")
        .then()
        .statusCode(201);
  }

  private static Map<String, Object> caps5Baseline() {
    return Map.of(
        "instrument",
        "CAPS5",
        "timepoint",
        "BASELINE",
        "administeredAt",
        Instant.now().toString(),
        "responses",
        FullTrialTest.caps5(42, true));
  }
}

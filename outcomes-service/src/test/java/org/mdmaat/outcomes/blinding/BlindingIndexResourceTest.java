package org.mdmaat.outcomes.blinding;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.mdmaat.outcomes.OutcomesFixtures.as;
import static org.mdmaat.outcomes.OutcomesFixtures.newCode;
import static org.mdmaat.outcomes.OutcomesFixtures.newTrial;
import static org.mdmaat.outcomes.OutcomesFixtures.randomize;
import static org.mdmaat.outcomes.OutcomesFixtures.unblind;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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

@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "outcomes"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedPeersPort.class)
class BlindingIndexResourceTest {
  static final String GUESSES = "/api/outcomes/participants/{code}/allocation-guesses";
  static final String INDICES = "/api/outcomes/trials/{trial}/blinding-indices";

  private static void guess(String user, String code, String guesser, String guess) {
    as(user)
        .contentType("application/json")
        .body(Map.of("guesser", guesser, "timepoint", "PRIMARY_ENDPOINT", "guess", guess))
        .when()
        .post(GUESSES, code)
        .then()
        .statusCode(201)
        .body("guess", equalTo(guess));
  }

  /**
   * Ten participants, five per arm. MDMA arm guesses: 4 MDMA, 1 placebo (Bang 0.6); placebo arm: 2
   * placebo, 1 MDMA, 2 don't know (Bang 0.2).
   */
  private static String trialWithGuesses() {
    var trial = newTrial();
    Map<String, String> arms = new HashMap<>();
    List<String> mdmaGuesses = List.of("MDMA", "MDMA", "MDMA", "MDMA", "PLACEBO");
    List<String> placeboGuesses = List.of("PLACEBO", "PLACEBO", "MDMA", "DONT_KNOW", "DONT_KNOW");
    for (int i = 0; i < 10; i++) {
      var code = newCode();
      randomize(code, trial);
      arms.put(code, i < 5 ? "MDMA" : "PLACEBO");
      guess(
          "coordinator.sf",
          code,
          "PARTICIPANT",
          i < 5 ? mdmaGuesses.get(i) : placeboGuesses.get(i - 5));
    }
    ScriptedParticipantDirectory.ARMS.put(trial, arms);
    return trial;
  }

  @Test
  void theDsmbSeesBangAndJamesWhileTheTrialIsBlinded() {
    var trial = trialWithGuesses();
    ScriptedParticipantDirectory.REQUESTS.clear();
    long[][] table = {{4, 1}, {1, 2}, {0, 2}};
    double james = BlindingIndex.james(table).index();
    as("dsmb.chair")
        .queryParam("guesser", "PARTICIPANT")
        .queryParam("timepoint", "PRIMARY_ENDPOINT")
        .when()
        .get(INDICES, trial)
        .then()
        .statusCode(200)
        .body("guesses.MDMA.mdma", equalTo(4))
        .body("guesses.PLACEBO.dontKnow", equalTo(2))
        .body("bang.MDMA.index", closeTo(0.6, 1e-9))
        .body("bang.MDMA.n", equalTo(5))
        .body("bang.PLACEBO.index", closeTo(0.2, 1e-9))
        .body(
            "bang.PLACEBO.standardError",
            closeTo(Math.sqrt((0.2 * 0.8 + 0.4 * 0.6 + 2 * 0.2 * 0.4) / 5), 1e-9))
        .body("james.index", closeTo(james, 1e-9))
        .body("withoutAllocation", equalTo(0))
        .body("excludedAfterEmergencyUnblinding", equalTo(0));
    assertThat(ScriptedParticipantDirectory.REQUESTS)
        .anySatisfy(r -> assertThat(r.getTrialId()).isEqualTo(trial));
    // The arms were asked for the reader's own verified token, not a name in the request.
    assertThat(ScriptedParticipantDirectory.PERSONS).contains("dsmb.chair");
  }

  @Test
  void othersWaitForTheUnblindingThenSeeTheSameIndices() {
    var trial = trialWithGuesses();
    for (var user : List.of("sponsor.maps", "regulator.fda")) {
      as(user)
          .queryParam("guesser", "PARTICIPANT")
          .queryParam("timepoint", "PRIMARY_ENDPOINT")
          .when()
          .get(INDICES, trial)
          .then()
          .statusCode(409)
          .contentType(startsWith("application/problem+json"))
          .body("code", equalTo("OUT-0409-BLINDED"));
    }
    // The unblinded statistician, like the DSMB, sees them while the trial is blinded.
    as("statistician.maps")
        .queryParam("guesser", "PARTICIPANT")
        .queryParam("timepoint", "PRIMARY_ENDPOINT")
        .when()
        .get(INDICES, trial)
        .then()
        .statusCode(200)
        .body("bang.MDMA.index", closeTo(0.6, 1e-9));
    ScriptedParticipantDirectory.UNBLINDED.add(trial);
    unblind(trial);
    for (var user : List.of("sponsor.maps", "regulator.fda")) {
      as(user)
          .queryParam("guesser", "PARTICIPANT")
          .queryParam("timepoint", "PRIMARY_ENDPOINT")
          .when()
          .get(INDICES, trial)
          .then()
          .statusCode(200)
          .body("bang.MDMA.index", closeTo(0.6, 1e-9));
    }
    // Site roles never, not even after unblinding.
    for (var user : List.of("investigator.sf", "rater.sf", "therapist.sf1", "coordinator.sf")) {
      as(user)
          .queryParam("guesser", "PARTICIPANT")
          .queryParam("timepoint", "PRIMARY_ENDPOINT")
          .when()
          .get(INDICES, trial)
          .then()
          .statusCode(403);
    }
  }

  @Test
  void aBlindedRefusalNamesNoArm() {
    var trial = trialWithGuesses();
    as("sponsor.maps")
        .queryParam("guesser", "PARTICIPANT")
        .queryParam("timepoint", "PRIMARY_ENDPOINT")
        .when()
        .get(INDICES, trial)
        .then()
        .statusCode(409)
        .body("detail", not(containsString("MDMA")))
        .body("detail", not(containsString("PLACEBO")))
        .body("detail", not(containsStringIgnoringCase("arm")));
  }

  private static void guessAt(String code, String timepoint, String guess) {
    as("rater.sf")
        .contentType("application/json")
        .body(Map.of("guesser", "RATER", "timepoint", timepoint, "guess", guess))
        .when()
        .post(GUESSES, code)
        .then()
        .statusCode(201);
  }

  private static io.restassured.response.ValidatableResponse raterIndex(
      String trial, String timepoint) {
    return as("dsmb.chair")
        .queryParam("guesser", "RATER")
        .queryParam("timepoint", timepoint)
        .when()
        .get(INDICES, trial)
        .then()
        .statusCode(200);
  }

  /**
   * A and B in the MDMA arm, C and D placebo. A's blind is broken after session 1; C's unblinding
   * reaches this service only after a guess about C was made past its moment.
   */
  @Test
  void guessesAfterAnEmergencyUnblindingAreFlaggedAndLeftOutOfTheIndices() {
    var trial = newTrial();
    var a = newCode();
    var b = newCode();
    var c = newCode();
    var d = newCode();
    for (var code : List.of(a, b, c, d)) {
      randomize(code, trial);
    }
    ScriptedParticipantDirectory.ARMS.put(
        trial, Map.of(a, "MDMA", b, "MDMA", c, "PLACEBO", d, "PLACEBO"));
    guessAt(a, "AFTER_SESSION_1", "MDMA");
    guessAt(b, "AFTER_SESSION_1", "MDMA");
    guessAt(c, "AFTER_SESSION_1", "PLACEBO");
    guessAt(d, "AFTER_SESSION_1", "DONT_KNOW");

    OutcomesFixtures.emergencyUnblind(
        a, trial, "US-SF-01", Instant.now().truncatedTo(ChronoUnit.MICROS));
    guessAt(a, "AFTER_SESSION_2", "MDMA");
    guessAt(b, "AFTER_SESSION_2", "PLACEBO");
    guessAt(c, "AFTER_SESSION_2", "PLACEBO");
    guessAt(d, "AFTER_SESSION_2", "MDMA");

    var beforeLastGuessOfC = Instant.now().truncatedTo(ChronoUnit.MICROS);
    guessAt(c, "AFTER_SESSION_3", "PLACEBO");
    guessAt(d, "AFTER_SESSION_3", "PLACEBO");
    OutcomesFixtures.emergencyUnblind(c, trial, "US-SF-01", beforeLastGuessOfC);

    as("coordinator.sf")
        .when()
        .get(GUESSES, a)
        .then()
        .statusCode(200)
        .body("items.timepoint", contains("AFTER_SESSION_1", "AFTER_SESSION_2"))
        .body("items.afterEmergencyUnblinding", contains(false, true));
    as("coordinator.sf")
        .when()
        .get(GUESSES, c)
        .then()
        .body("items.afterEmergencyUnblinding", contains(false, false, true));

    // Before the unblinding: every guess stays in.
    raterIndex(trial, "AFTER_SESSION_1")
        .body("excludedAfterEmergencyUnblinding", equalTo(0))
        .body("bang.MDMA.n", equalTo(2))
        .body("bang.PLACEBO.n", equalTo(2));
    // After: A's guess is left out and counted.
    raterIndex(trial, "AFTER_SESSION_2")
        .body("excludedAfterEmergencyUnblinding", equalTo(1))
        .body("bang.MDMA.n", equalTo(1))
        .body("guesses.MDMA.placebo", equalTo(1))
        .body("guesses.MDMA.mdma", equalTo(0))
        .body("bang.PLACEBO.n", equalTo(2));
    // C's guess made after its moment is left out, though the event came later.
    raterIndex(trial, "AFTER_SESSION_3")
        .body("excludedAfterEmergencyUnblinding", equalTo(1))
        .body("bang.PLACEBO.n", equalTo(1));
  }

  @Test
  void neverGuessesArmsTheDirectoryDoesNotGive() {
    var trial = trialWithGuesses();
    ScriptedParticipantDirectory.REFUSING.add(trial);
    as("dsmb.chair")
        .queryParam("guesser", "PARTICIPANT")
        .queryParam("timepoint", "PRIMARY_ENDPOINT")
        .when()
        .get(INDICES, trial)
        .then()
        .statusCode(409)
        .body("code", equalTo("OUT-0409-UNDISCLOSED"));
    ScriptedParticipantDirectory.REFUSING.remove(trial);
    ScriptedParticipantDirectory.UNAVAILABLE.add(trial);
    as("dsmb.chair")
        .queryParam("guesser", "PARTICIPANT")
        .queryParam("timepoint", "PRIMARY_ENDPOINT")
        .when()
        .get(INDICES, trial)
        .then()
        .statusCode(503)
        .body("code", equalTo("OUT-0503-DIRECTORY"));
    ScriptedParticipantDirectory.UNAVAILABLE.remove(trial);
  }

  @Test
  void guessesFollowWhoMayGuessWhenAndOnce() {
    var code = newCode();
    randomize(code, newTrial());
    guess("therapist.sf1", code, "THERAPIST", "MDMA");
    guess("rater.sf", code, "RATER", "DONT_KNOW");
    as("therapist.sf1")
        .contentType("application/json")
        .body(Map.of("guesser", "RATER", "timepoint", "PRIMARY_ENDPOINT", "guess", "MDMA"))
        .when()
        .post(GUESSES, code)
        .then()
        .statusCode(403)
        .body("code", equalTo("OUT-0403-GUESSER"));
    as("rater.sf")
        .contentType("application/json")
        .body(Map.of("guesser", "RATER", "timepoint", "BASELINE", "guess", "MDMA"))
        .when()
        .post(GUESSES, code)
        .then()
        .statusCode(422)
        .body("code", equalTo("OUT-0422-TIMEPOINT"));
    as("rater.sf")
        .contentType("application/json")
        .body(Map.of("guesser", "RATER", "timepoint", "PRIMARY_ENDPOINT", "guess", "PLACEBO"))
        .when()
        .post(GUESSES, code)
        .then()
        .statusCode(409)
        .body("code", equalTo("OUT-0409-GUESS"));
    as("rater.bos")
        .contentType("application/json")
        .body(Map.of("guesser", "RATER", "timepoint", "AFTER_SESSION_1", "guess", "MDMA"))
        .when()
        .post(GUESSES, code)
        .then()
        .statusCode(404);
    as("rater.sf")
        .contentType("application/json")
        .body(Map.of("guesser", "RATER", "timepoint", "AFTER_SESSION_1", "guess", "SURE"))
        .when()
        .post(GUESSES, code)
        .then()
        .statusCode(400);
    as("coordinator.sf")
        .when()
        .get(GUESSES, code)
        .then()
        .statusCode(200)
        .body("items", hasSize(2))
        .body("total", equalTo(2));
    as("regulator.fda")
        .queryParam("entityType", "AllocationGuess")
        .queryParam("participantCode", code)
        .when()
        .get("/api/outcomes/audit")
        .then()
        .body("items", hasSize(2));
  }

  @Test
  void indicesAreForOversightRolesOnly() {
    given()
        .queryParam("guesser", "PARTICIPANT")
        .queryParam("timepoint", "PRIMARY_ENDPOINT")
        .when()
        .get(INDICES, "MAPP-X")
        .then()
        .statusCode(401);
    as("rater.sf")
        .queryParam("guesser", "PARTICIPANT")
        .queryParam("timepoint", "PRIMARY_ENDPOINT")
        .when()
        .get(INDICES, "MAPP-X")
        .then()
        .statusCode(403);
    as("dsmb.chair")
        .queryParam("timepoint", "PRIMARY_ENDPOINT")
        .when()
        .get(INDICES, "MAPP-X")
        .then()
        .statusCode(400)
        .body("violations[0].field", equalTo("guesser"));
  }
}

package org.mdmaat.outcomes.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
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
import org.junit.jupiter.api.Test;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.Topics;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.outcomes.OutcomesFixtures;
import org.mdmaat.outcomes.SelfServedPeersPort;
import org.mdmaat.platform.signature.ReauthenticationRequired;

/**
 * The database lock, end to end: signed by the sponsor's fresh login, refused before the last
 * primary endpoint, holding off every write to the trial's outcome data, announced on Kafka.
 */
@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "outcomes"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedPeersPort.class)
class DataLockResourceTest {
  static final String LOCK = "/api/outcomes/trials/{trial}/data-lock";
  static final String RELEASE = LOCK + "/release";
  static final String ASSESSMENTS = "/api/outcomes/participants/{code}/assessments";
  static final String GUESSES = "/api/outcomes/participants/{code}/allocation-guesses";

  /** A trial and its participants' codes. */
  record Trial(String id, List<String> codes) {}

  private static String rate(String code, String timepoint) {
    return as("rater.sf")
        .contentType("application/json")
        .body(assessment("CAPS5", timepoint, caps5(40)))
        .when()
        .post(ASSESSMENTS, code)
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  /** {@code rated} of {@code size} participants have CAPS-5 at the primary endpoint. */
  private static Trial trial(int size, int rated) {
    var trial = newTrial();
    var codes = new ArrayList<String>();
    for (int i = 0; i < size; i++) {
      var code = newCode();
      randomize(code, trial);
      rate(code, "BASELINE");
      if (i < rated) {
        rate(code, "PRIMARY_ENDPOINT");
      }
      codes.add(code);
    }
    return new Trial(trial, codes);
  }

  private static Map<String, Object> request(String reason) {
    return Map.of("reason", reason, "signature", Map.of("meaning", "APPROVAL"));
  }

  @Test
  void theSponsorLocksWithASignatureAndEveryWriteWaitsForTheUnlock() {
    var trial = trial(2, 2);
    var first = trial.codes().get(0);
    var assessmentId = rate(first, "AFTER_SESSION_1");
    var sponsor = KeycloakSigning.of("sponsor.maps");

    sponsor
        .spec()
        .contentType("application/json")
        .body(request("last participant's primary endpoint done"))
        .when()
        .post(LOCK, trial.id())
        .then()
        .statusCode(201)
        .header("Location", containsString("/trials/" + trial.id() + "/data-lock"))
        .body("trialId", equalTo(trial.id()))
        .body("locked", equalTo(true))
        .body("sequence", equalTo(1))
        .body("lockedBy", equalTo("sponsor.maps"))
        .body("lockedAt", startsWith("20"))
        .body("reason", equalTo("last participant's primary endpoint done"))
        .body("assessmentsLocked", equalTo(5))
        .body("signature.signerName", equalTo("Alex Rivera"))
        .body("signature.signerUsername", equalTo("sponsor.maps"))
        .body("signature.signerId", matchesPattern("[0-9a-f-]{36}"))
        .body("signature.meaning", equalTo("APPROVAL"))
        .body("signature.recordType", equalTo("TrialDataLock"))
        .body("signature.recordId", equalTo(trial.id() + "#1"))
        .body("signature.contentHash", matchesPattern("[0-9a-f]{64}"))
        .body("signature.authenticatedAt", startsWith("20"))
        .body("release", nullValue());

    for (var reader : List.of("sponsor.maps", "dsmb.chair", "statistician.maps", "regulator.fda")) {
      as(reader)
          .when()
          .get(LOCK, trial.id())
          .then()
          .statusCode(200)
          .body("locked", equalTo(true))
          .body("signature.signerName", equalTo("Alex Rivera"));
    }

    // Locked twice: refused, naming the lock.
    sponsor
        .spec()
        .contentType("application/json")
        .body(request("again"))
        .when()
        .post(LOCK, trial.id())
        .then()
        .statusCode(409)
        .body("code", equalTo("OUT-0409-LOCKED"));

    // Every write to the trial's outcome data is refused, and nothing is stored.
    as("coordinator.sf")
        .contentType("application/json")
        .body(assessment("SDS", "PRIMARY_ENDPOINT", sds(1, 2, 3)))
        .when()
        .post(ASSESSMENTS, first)
        .then()
        .statusCode(409)
        .contentType(startsWith("application/problem+json"))
        .body("code", equalTo("OUT-0409-LOCKED"))
        .body("detail", containsString(trial.id() + "#1"));
    as("rater.sf")
        .contentType("application/json")
        .body(Map.of("responses", caps5(30), "reason", "B2 and B3 were transposed"))
        .when()
        .put("/api/outcomes/assessments/{id}", assessmentId)
        .then()
        .statusCode(409)
        .body("code", equalTo("OUT-0409-LOCKED"));
    as("rater.sf")
        .contentType("application/json")
        .body(Map.of("guesser", "RATER", "timepoint", "PRIMARY_ENDPOINT", "guess", "MDMA"))
        .when()
        .post(GUESSES, first)
        .then()
        .statusCode(409)
        .body("code", equalTo("OUT-0409-LOCKED"));
    as("coordinator.sf").when().get(ASSESSMENTS, first).then().body("total", equalTo(3));
    as("coordinator.sf")
        .when()
        .get("/api/outcomes/assessments/{id}/history", assessmentId)
        .then()
        .body("items", hasSize(1));
    as("coordinator.sf").when().get(GUESSES, first).then().body("total", equalTo(0));

    // An unlock needs a reason.
    sponsor
        .spec()
        .contentType("application/json")
        .body(Map.of("signature", Map.of("meaning", "APPROVAL")))
        .when()
        .post(RELEASE, trial.id())
        .then()
        .statusCode(400);
    sponsor
        .spec()
        .contentType("application/json")
        .body(request(" "))
        .when()
        .post(RELEASE, trial.id())
        .then()
        .statusCode(400);
    as("regulator.fda").when().get(LOCK, trial.id()).then().body("locked", equalTo(true));

    sponsor
        .spec()
        .contentType("application/json")
        .body(request("query on a rating found in monitoring"))
        .when()
        .post(RELEASE, trial.id())
        .then()
        .statusCode(200)
        .body("locked", equalTo(false))
        .body("sequence", equalTo(2))
        .body("lockedBy", equalTo("sponsor.maps"))
        .body("release.unlockedBy", equalTo("sponsor.maps"))
        .body("release.reason", equalTo("query on a rating found in monitoring"))
        .body("release.signature.signerName", equalTo("Alex Rivera"))
        .body("release.signature.recordId", equalTo(trial.id() + "#2"));

    // Writes are allowed again.
    as("rater.sf")
        .contentType("application/json")
        .body(Map.of("responses", caps5(30), "reason", "B2 and B3 were transposed"))
        .when()
        .put("/api/outcomes/assessments/{id}", assessmentId)
        .then()
        .statusCode(200)
        .body("revision", equalTo(2));
    as("rater.sf")
        .contentType("application/json")
        .body(Map.of("guesser", "RATER", "timepoint", "PRIMARY_ENDPOINT", "guess", "MDMA"))
        .when()
        .post(GUESSES, first)
        .then()
        .statusCode(201);

    // Not locked: nothing to unlock.
    sponsor
        .spec()
        .contentType("application/json")
        .body(request("again"))
        .when()
        .post(RELEASE, trial.id())
        .then()
        .statusCode(409)
        .body("code", equalTo("OUT-0409-UNLOCKED"));

    as("dsmb.chair")
        .when()
        .get(LOCK + "/history", trial.id())
        .then()
        .statusCode(200)
        .body("total", equalTo(2))
        .body("items.action", hasItems("LOCK", "UNLOCK"))
        .body("items[0].manifestation", startsWith("Alex Rivera (sponsor.maps), APPROVAL, "));
    as("regulator.fda")
        .queryParam("entityType", "TrialDataLock")
        .queryParam("entityId", trial.id())
        .when()
        .get("/api/outcomes/audit")
        .then()
        .body("items.action", hasItems("LOCK", "UNLOCK"))
        .body("items[0].reason", equalTo("last participant's primary endpoint done"));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              var mine =
                  OutcomesFixtures.records(Topics.DATA_LOCKS, Duration.ofSeconds(5)).stream()
                      .filter(r -> trial.id().equals(r.key()))
                      .toList();
              assertThat(mine).hasSize(2);
              var locked = OutcomesFixtures.JSON.readTree(mine.get(0).value());
              assertThat(locked.get("type").asText()).isEqualTo(EventTypes.TRIAL_DATA_LOCKED);
              assertThat(locked.get("source").asText()).isEqualTo("outcomes-service");
              assertThat(locked.get("data").get("lockedBy").asText()).isEqualTo("sponsor.maps");
              assertThat(locked.get("data").get("reason").asText())
                  .isEqualTo("last participant's primary endpoint done");
              var unlocked = OutcomesFixtures.JSON.readTree(mine.get(1).value());
              assertThat(unlocked.get("type").asText()).isEqualTo(EventTypes.TRIAL_DATA_UNLOCKED);
              assertThat(unlocked.get("data").get("unlockedBy").asText()).isEqualTo("sponsor.maps");
            });
  }

  @Test
  void aTokenWithoutAFreshLoginCannotSignAndNothingIsLocked() {
    var trial = trial(1, 1);
    as("sponsor.maps")
        .contentType("application/json")
        .body(request("database lock"))
        .when()
        .post(LOCK, trial.id())
        .then()
        .statusCode(401)
        .body("code", equalTo(ReauthenticationRequired.CODE))
        .header("WWW-Authenticate", containsString("insufficient_user_authentication"));
    as("sponsor.maps")
        .when()
        .get(LOCK, trial.id())
        .then()
        .statusCode(200)
        .body("locked", equalTo(false))
        .body("sequence", equalTo(0));
    as("regulator.fda")
        .queryParam("entityType", "TrialDataLock")
        .queryParam("entityId", trial.id())
        .when()
        .get("/api/outcomes/audit")
        .then()
        .body("items", hasSize(0));
    // Still open for writes.
    rate(trial.codes().get(0), "AFTER_SESSION_1");
  }

  @Test
  void notBeforeTheLastPrimaryEndpointWithdrawnParticipantsOweNone() {
    var trial = trial(4, 1);
    var withdrawn = trial.codes().get(3);
    OutcomesFixtures.withdraw(withdrawn, trial.id(), "US-SF-01");
    var sponsor = KeycloakSigning.of("sponsor.maps");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                sponsor
                    .spec()
                    .contentType("application/json")
                    .body(request("database lock"))
                    .when()
                    .post(LOCK, trial.id())
                    .then()
                    .statusCode(422)
                    .body("code", equalTo("OUT-0422-ENDPOINT"))
                    .body("detail", containsString(trial.codes().get(1)))
                    .body("detail", containsString(trial.codes().get(2)))
                    .body("detail", not(containsString(trial.codes().get(0))))
                    // Withdrawn: owes no primary endpoint.
                    .body("detail", not(containsString(withdrawn)))
                    .body(
                        "violations.field",
                        hasItems(
                            "participants." + trial.codes().get(1),
                            "participants." + trial.codes().get(2)))
                    .body("violations", hasSize(2)));
    as("sponsor.maps").when().get(LOCK, trial.id()).then().body("locked", equalTo(false));

    rate(trial.codes().get(1), "PRIMARY_ENDPOINT");
    rate(trial.codes().get(2), "PRIMARY_ENDPOINT");
    sponsor
        .spec()
        .contentType("application/json")
        .body(request("database lock"))
        .when()
        .post(LOCK, trial.id())
        .then()
        .statusCode(201)
        .body("locked", equalTo(true));
  }

  @Test
  void anotherSponsorsOrAnUnknownTrialIsNotFoundAndOtherRolesAreForbidden() {
    var trial = trial(1, 1);
    var northstar = KeycloakSigning.of("sponsor.northstar");
    northstar
        .spec()
        .contentType("application/json")
        .body(request("database lock"))
        .when()
        .post(LOCK, trial.id())
        .then()
        .statusCode(404);
    as("sponsor.northstar").when().get(LOCK, trial.id()).then().statusCode(404);
    KeycloakSigning.of("sponsor.maps")
        .spec()
        .contentType("application/json")
        .body(request("database lock"))
        .when()
        .post(LOCK, newTrial())
        .then()
        .statusCode(404);
    as("sponsor.maps").when().get(LOCK, newTrial()).then().statusCode(404);
    for (var user :
        List.of("dsmb.chair", "statistician.maps", "regulator.fda", "investigator.sf")) {
      as(user)
          .contentType("application/json")
          .body(request("database lock"))
          .when()
          .post(LOCK, trial.id())
          .then()
          .statusCode(403);
      as(user)
          .contentType("application/json")
          .body(request("unlock"))
          .when()
          .post(RELEASE, trial.id())
          .then()
          .statusCode(403);
    }
    for (var user : List.of("investigator.sf", "rater.sf", "coordinator.sf", "pharmacist.sf")) {
      as(user).when().get(LOCK, trial.id()).then().statusCode(403);
    }
    // A typed name is not a signature: the request is strict.
    KeycloakSigning.of("sponsor.maps")
        .spec()
        .contentType("application/json")
        .body(
            Map.of(
                "reason",
                "database lock",
                "signature",
                Map.of("meaning", "APPROVAL", "printedName", "Alex Rivera")))
        .when()
        .post(LOCK, trial.id())
        .then()
        .statusCode(400);
    as("sponsor.maps").when().get(LOCK, trial.id()).then().body("locked", equalTo(false));
  }

  /** One fresh login, reused for the test's few signatures (each within its 5 minutes). */
  record KeycloakSigning(String token) {
    static KeycloakSigning of(String user) {
      return new KeycloakSigning(
          org.mdmaat.devstack.KeycloakServer.shared().signingToken(user, "demo"));
    }

    io.restassured.specification.RequestSpecification spec() {
      return io.restassured.RestAssured.given().auth().oauth2(token);
    }
  }
}

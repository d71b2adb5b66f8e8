package org.mdmaat.recruitment.unblinding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.mdmaat.recruitment.Api.as;
import static org.mdmaat.recruitment.Api.signature;
import static org.mdmaat.recruitment.Api.signing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.Topics;
import org.mdmaat.contracts.events.TrialDataUnlocked;
import org.mdmaat.contracts.events.TrialUnblinded;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.recruitment.Api;
import org.mdmaat.recruitment.SelfServedPort;

@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "recruitment"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedPort.class)
class UnblindingTest {
  static final String REQUESTS = "/api/recruitment/trials/{id}/unblinding-requests";
  static final String APPROVAL = REQUESTS + "/{r}/approval";

  @Inject ObjectMapper json;

  static Map<String, Object> dataLockRequest() {
    return Map.of(
        "grounds",
        "DATA_LOCK",
        "reason",
        "primary analysis after database lock",
        "signature",
        signature("AUTHORSHIP"));
  }

  static String request(String user, String trial, Map<String, Object> body) {
    return signing(user)
        .body(body)
        .when()
        .post(REQUESTS, trial)
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  static void stillBlinded(String trial) {
    as("sponsor.maps")
        .when()
        .get("/api/recruitment/trials/{id}", trial)
        .then()
        .body("blinded", equalTo(true));
    as("regulator.fda")
        .when()
        .get("/api/recruitment/trials/{id}/allocations", trial)
        .then()
        .statusCode(403);
  }

  @Test
  void aSponsorAloneCannotUnblind() throws Exception {
    var trial = Api.recruitingTrial();
    // Before the database lock: refused, naming the missing lock.
    signing("sponsor.maps")
        .body(dataLockRequest())
        .when()
        .post(REQUESTS, trial)
        .then()
        .statusCode(422)
        .body("code", equalTo("REC-0422-DATA-NOT-LOCKED"))
        .body("detail", containsString("not locked"));
    // An early stop is the DSMB's recommendation, not the sponsor's.
    signing("sponsor.maps")
        .body(
            Map.of(
                "grounds", "DSMB_EARLY_STOP",
                "reason", "we want to know",
                "dsmbRecommendation", "none",
                "signature", signature("AUTHORSHIP")))
        .when()
        .post(REQUESTS, trial)
        .then()
        .statusCode(422)
        .body("code", equalTo("REC-0422-NO-DSMB-RECOMMENDATION"));
    as("sponsor.maps").when().get(REQUESTS, trial).then().statusCode(200).body("items", hasSize(0));

    Api.lockOutcomeData(trial);
    // A login that is not fresh cannot sign: nothing is requested.
    as("sponsor.maps")
        .body(dataLockRequest())
        .when()
        .post(REQUESTS, trial)
        .then()
        .statusCode(401)
        .body("code", equalTo("PLATFORM-0401-REAUTHENTICATE"))
        .header("WWW-Authenticate", containsString("insufficient_user_authentication"));
    as("sponsor.maps").when().get(REQUESTS, trial).then().body("items", hasSize(0));

    var request = request("sponsor.maps", trial, dataLockRequest());
    as("sponsor.maps")
        .when()
        .get(REQUESTS + "/{r}", trial, request)
        .then()
        .statusCode(200)
        .body("status", equalTo("REQUESTED"))
        .body("requestSignature.signerName", equalTo("Alex Rivera"))
        .body("requestSignature.signerId", matchesPattern("[0-9a-f-]{36}"))
        .body("requestSignature.meaning", equalTo("AUTHORSHIP"))
        .body("requestSignature.contentHash", matchesPattern("[0-9a-f]{64}"));
    // The sponsor cannot approve (not an unblinded role), nor ask twice.
    signing("sponsor.maps")
        .body(Map.of("signature", signature("APPROVAL")))
        .when()
        .post(APPROVAL, trial, request)
        .then()
        .statusCode(403);
    signing("sponsor.maps")
        .body(dataLockRequest())
        .when()
        .post(REQUESTS, trial)
        .then()
        .statusCode(409)
        .body("code", equalTo("REC-0409-UNBLINDING-OPEN"));
    stillBlinded(trial);
  }

  @Test
  void lockRequestAndASecondPersonsApprovalUnblindAndAnnounce() throws Exception {
    var trial = Api.recruitingTrial();
    Api.lockOutcomeData(trial);
    var request = request("sponsor.maps", trial, dataLockRequest());
    // An approval from a login that is not fresh is refused; the request stays open.
    as("dsmb.chair")
        .body(Map.of("signature", signature("APPROVAL")))
        .when()
        .post(APPROVAL, trial, request)
        .then()
        .statusCode(401);
    stillBlinded(trial);

    signing("dsmb.chair")
        .body(Map.of("signature", signature("APPROVAL")))
        .when()
        .post(APPROVAL, trial, request)
        .then()
        .statusCode(200)
        .body("status", equalTo("APPROVED"))
        .body("decidedBy", equalTo("dsmb.chair"))
        .body("decisionSignature.signerName", equalTo("Ruth Adler"))
        .body("decisionSignature.recordType", equalTo("UnblindingDecision"));
    as("sponsor.maps")
        .when()
        .get("/api/recruitment/trials/{id}", trial)
        .then()
        .body("blinded", equalTo(false))
        .body("unblindedBy", equalTo("dsmb.chair"))
        .body("unblindingReason", equalTo("primary analysis after database lock"));
    as("regulator.fda")
        .when()
        .get("/api/recruitment/trials/{id}/allocations", trial)
        .then()
        .statusCode(200);

    var events =
        Api.events(Topics.TRIALS, trial, e -> e.type().equals(EventTypes.TRIAL_UNBLINDED), 1);
    assertThat(events).hasSize(1);
    var unblinded = json.treeToValue(events.get(0).data(), TrialUnblinded.class);
    assertThat(unblinded.requestedBy()).isEqualTo("sponsor.maps");
    assertThat(unblinded.unblindedBy()).isEqualTo("dsmb.chair");
    assertThat(unblinded.grounds()).isEqualTo("DATA_LOCK");

    as("regulator.fda")
        .queryParam("trialId", trial)
        .queryParam("limit", 100)
        .when()
        .get("/api/recruitment/audit")
        .then()
        .body("items.action", hasItems("DATA_LOCKED", "REQUEST", "APPROVE", "UNBLIND"));
    // Once: the request is decided and the trial is no longer blinded.
    signing("statistician.maps")
        .body(Map.of("signature", signature("APPROVAL")))
        .when()
        .post(APPROVAL, trial, request)
        .then()
        .statusCode(409);
    signing("sponsor.maps")
        .body(dataLockRequest())
        .when()
        .post(REQUESTS, trial)
        .then()
        .statusCode(409)
        .body("code", equalTo("REC-0409"));
  }

  @Test
  void theRequesterCannotApproveTheirOwnRequest() {
    var trial = Api.recruitingTrial();
    signing("dsmb.chair")
        .body(
            Map.of(
                "grounds", "DSMB_EARLY_STOP",
                "reason", "efficacy boundary crossed",
                "signature", signature("AUTHORSHIP")))
        .when()
        .post(REQUESTS, trial)
        .then()
        .statusCode(422)
        .body("violations.field", hasItems("dsmbRecommendation"));
    var request =
        request(
            "dsmb.chair",
            trial,
            Map.of(
                "grounds", "DSMB_EARLY_STOP",
                "reason", "efficacy boundary crossed at the interim analysis",
                "dsmbRecommendation", "DSMB meeting 2026-11-30, minutes item 4",
                "signature", signature("AUTHORSHIP")));
    signing("dsmb.chair")
        .body(Map.of("signature", signature("APPROVAL")))
        .when()
        .post(APPROVAL, trial, request)
        .then()
        .statusCode(422)
        .body("code", equalTo("REC-0422-SECOND-PERSON"));
    stillBlinded(trial);
    signing("statistician.maps")
        .body(Map.of("signature", signature("APPROVAL")))
        .when()
        .post(APPROVAL, trial, request)
        .then()
        .statusCode(200)
        .body("decisionSignature.signerName", equalTo("Mei Chen"));
  }

  @Test
  void anUnlockAfterTheRequestStopsItsApproval() throws Exception {
    var trial = Api.recruitingTrial();
    Api.lockOutcomeData(trial);
    var request = request("sponsor.maps", trial, dataLockRequest());
    unlock(trial, Instant.now());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                as("sponsor.maps")
                        .when()
                        .get("/api/recruitment/trials/{id}", trial)
                        .then()
                        .extract()
                        .path("outcomeDataLockedAt")
                    == null);
    signing("dsmb.chair")
        .body(Map.of("signature", signature("APPROVAL")))
        .when()
        .post(APPROVAL, trial, request)
        .then()
        .statusCode(422)
        .body("code", equalTo("REC-0422-DATA-NOT-LOCKED"));
    stillBlinded(trial);
    signing("statistician.maps")
        .body(Map.of("reason", "", "signature", signature("REVIEW")))
        .when()
        .post(REQUESTS + "/{r}/rejection", trial, request)
        .then()
        .statusCode(400);
    signing("statistician.maps")
        .body(Map.of("reason", "data were unlocked for queries", "signature", signature("REVIEW")))
        .when()
        .post(REQUESTS + "/{r}/rejection", trial, request)
        .then()
        .statusCode(200)
        .body("status", equalTo("REJECTED"))
        .body("decisionReason", equalTo("data were unlocked for queries"));
  }

  @Test
  void othersCannotRequestOrSee() {
    var trial = Api.recruitingTrial();
    signing("sponsor.northstar")
        .body(dataLockRequest())
        .when()
        .post(REQUESTS, trial)
        .then()
        .statusCode(404)
        .body(not(containsString("arm")));
    as("sponsor.northstar").when().get(REQUESTS, trial).then().statusCode(404);
    signing("investigator.sf")
        .body(dataLockRequest())
        .when()
        .post(REQUESTS, trial)
        .then()
        .statusCode(403);
    as("pharmacist.sf").when().get(REQUESTS, trial).then().statusCode(403);
    as("sponsor.maps")
        .body(Map.of("reason", "curious"))
        .when()
        .post("/api/recruitment/trials/{id}/unblinding", trial)
        .then()
        .statusCode(404);
    signing("sponsor.maps")
        .body(Map.of("grounds", "DATA_LOCK", "reason", "no signature"))
        .when()
        .post(REQUESTS, trial)
        .then()
        .statusCode(400);
    as("sponsor.maps")
        .when()
        .get("/api/recruitment/trials/{id}", trial)
        .then()
        .body("blinded", equalTo(true))
        .body("unblindedAt", nullValue());
  }

  private void unlock(String trial, Instant at) throws Exception {
    var event =
        EventEnvelope.of(
            EventTypes.TRIAL_DATA_UNLOCKED,
            "outcomes-service",
            trial,
            null,
            json.valueToTree(
                new TrialDataUnlocked(
                    trial,
                    "sponsor.maps",
                    "queries on the primary endpoint",
                    at.truncatedTo(ChronoUnit.MICROS))));
    Api.send(Topics.DATA_LOCKS, trial, json.writeValueAsString(event));
  }
}

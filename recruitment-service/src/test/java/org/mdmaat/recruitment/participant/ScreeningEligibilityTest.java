package org.mdmaat.recruitment.participant;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.mdmaat.recruitment.Api.as;
import static org.mdmaat.recruitment.Api.signing;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.recruitment.Api;
import org.mdmaat.recruitment.ScriptedScreeningAssessments;
import org.mdmaat.recruitment.SelfServedPort;

/**
 * Issue 16: consent before any study-specific screening (SCREENING to CONSENTED to ELIGIBLE), and
 * an eligibility signature only on a rater's screening CAPS-5 from outcomes-service that meets the
 * trial's threshold and the DSM-5 diagnosis. Every refusal records nothing.
 */
@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "recruitment"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedPort.class)
class ScreeningEligibilityTest {
  private static final String P = "/api/recruitment/participants";

  private static String consentedCandidate(String trial) {
    var code = ParticipantLifecycleTest.register(trial);
    Api.consented(code);
    return code;
  }

  private static io.restassured.response.ValidatableResponse sign(String code) {
    return signing("investigator.sf")
        .body(Map.of("meaning", "APPROVAL"))
        .when()
        .post(P + "/{code}/eligibility", code)
        .then();
  }

  /**
   * Nothing was signed: still CONSENTED, no signature, no audit entry beyond create and consent.
   */
  private static void nothingRecorded(String code) {
    as("investigator.sf")
        .when()
        .get(P + "/{code}", code)
        .then()
        .statusCode(200)
        .body("status", equalTo("CONSENTED"))
        .body("eligibilitySignature", nullValue());
    as("regulator.fda")
        .queryParam("participantCode", code)
        .when()
        .get("/api/recruitment/audit")
        .then()
        .statusCode(200)
        .body("items", hasSize(2));
  }

  @Test
  void eligibilityBeforeConsentIsAnIllegalTransitionNamingConsent() {
    var trial = Api.recruitingTrial();
    var code = ParticipantLifecycleTest.register(trial);
    // Even a qualifying screening CAPS-5 does not make up for missing consent.
    ScriptedScreeningAssessments.rated(code, trial, 50, true);
    sign(code)
        .statusCode(409)
        .body("code", equalTo("REC-0409"))
        .body("detail", containsString("has not consented"));
    as("investigator.sf")
        .when()
        .get(P + "/{code}", code)
        .then()
        .body("status", equalTo("SCREENING"))
        .body("eligibilitySignature", nullValue());

    // After consent the same signature goes through.
    Api.consented(code);
    sign(code).statusCode(200).body("status", equalTo("ELIGIBLE"));
  }

  @Test
  void consentIsRecordedWithWhoAndWhenAndAudited() {
    var trial = Api.recruitingTrial();
    var code = consentedCandidate(trial);
    as("coordinator.sf")
        .when()
        .get(P + "/{code}", code)
        .then()
        .statusCode(200)
        .body("status", equalTo("CONSENTED"))
        .body("consentFormVersion", equalTo("ICF v2.1"))
        .body("consentDate", equalTo("2026-01-10"))
        .body("consentRecordedBy", equalTo("coordinator.sf"))
        .body("consentRecordedAt", notNullValue());
    as("regulator.fda")
        .queryParam("participantCode", code)
        .when()
        .get("/api/recruitment/audit")
        .then()
        .statusCode(200)
        .body("items", hasSize(2))
        .body("items[1].action", equalTo("TRANSITION"))
        .body("items[1].before.status", equalTo("SCREENING"))
        .body("items[1].after.status", equalTo("CONSENTED"))
        .body("items[1].after.consentRecordedBy", equalTo("coordinator.sf"))
        .body("items[1].reason", equalTo("consent form ICF v2.1"));
    // Consent once: a second one is an illegal transition.
    as("coordinator.sf")
        .body(Map.of("formVersion", "ICF v2.2", "consentDate", "2026-01-11"))
        .when()
        .post(P + "/{code}/consent", code)
        .then()
        .statusCode(409);
  }

  @Test
  void noScreeningCaps5IsRefused() {
    var trial = Api.recruitingTrial();
    var code = consentedCandidate(trial);
    sign(code)
        .statusCode(422)
        .body("code", equalTo("REC-0422-NO-SCREENING-CAPS5"))
        .body("violations.field", hasItem("screeningCaps5"));
    nothingRecorded(code);
  }

  @Test
  void aScreeningCaps5OfAnotherTrialDoesNotCount() {
    var trial = Api.recruitingTrial();
    var code = consentedCandidate(trial);
    ScriptedScreeningAssessments.rated(code, "ANOTHER-TRIAL", 50, true);
    sign(code).statusCode(422).body("code", equalTo("REC-0422-NO-SCREENING-CAPS5"));
    nothingRecorded(code);
  }

  @Test
  void aTotalBelowTheTrialsThresholdIsRefusedAndTheThresholdIsPerTrial() {
    // MAPP1: at least 35. A total of 30 is refused there...
    var mapp1 = Api.createTrial("sponsor.maps", Api.trialBody(Api.unique("MAPP1")));
    Api.screeningThreshold(mapp1, 35);
    Api.moveTrial("sponsor.maps", mapp1, "RECRUITING");
    var refused = consentedCandidate(mapp1);
    ScriptedScreeningAssessments.rated(refused, mapp1, 30, true);
    sign(refused)
        .statusCode(422)
        .body("code", equalTo("REC-0422-CAPS5-BELOW-THRESHOLD"))
        .body("detail", containsString("30"))
        .body("detail", containsString("35"))
        .body("violations.field", hasItem("screeningCaps5.total"));
    nothingRecorded(refused);

    // ...and accepted by MAPP2's 28; the threshold itself counts (35 at MAPP1).
    var mapp2 = Api.recruitingTrial();
    var accepted = consentedCandidate(mapp2);
    ScriptedScreeningAssessments.rated(accepted, mapp2, 30, true);
    sign(accepted).statusCode(200).body("status", equalTo("ELIGIBLE"));
    var atThreshold = consentedCandidate(mapp1);
    ScriptedScreeningAssessments.rated(atThreshold, mapp1, 35, true);
    sign(atThreshold).statusCode(200).body("status", equalTo("ELIGIBLE"));
  }

  @Test
  void aDiagnosisNotMetIsRefused() {
    var trial = Api.recruitingTrial();
    var code = consentedCandidate(trial);
    ScriptedScreeningAssessments.rated(code, trial, 60, false);
    sign(code)
        .statusCode(422)
        .body("code", equalTo("REC-0422-DIAGNOSIS-NOT-MET"))
        .body("violations.field", hasItem("screeningCaps5.ptsdDiagnosis"));
    nothingRecorded(code);
  }

  @Test
  void aQualifyingScreeningCaps5IsSignedIntoTheRecord() {
    var trial = Api.recruitingTrial();
    var code = consentedCandidate(trial);
    ScriptedScreeningAssessments.rated(code, trial, 44, true);
    sign(code)
        .statusCode(200)
        .body("status", equalTo("ELIGIBLE"))
        .body("eligibilitySignature.signerUsername", equalTo("investigator.sf"))
        .body("eligibilitySignature.recordType", equalTo("ParticipantEligibility"));
    as("regulator.fda")
        .queryParam("participantCode", code)
        .when()
        .get("/api/recruitment/audit")
        .then()
        .statusCode(200)
        .body("items", hasSize(3))
        .body("items[2].after.status", equalTo("ELIGIBLE"))
        .body("items[2].reason", containsString("screening CAPS-5 44 (threshold 28"))
        .body("items[2].reason", containsString("rater.sf"));
    as("coordinator.sf").when().post(P + "/{code}/enrollment", code).then().statusCode(200);
  }

  @Test
  void outcomesUnreachableRefusesTheSignatureAndRecordsNothing() {
    var trial = Api.recruitingTrial();
    var code = consentedCandidate(trial);
    ScriptedScreeningAssessments.rated(code, trial, 44, true);
    ScriptedScreeningAssessments.UNAVAILABLE.add(code);
    try {
      sign(code)
          .statusCode(503)
          .body("code", equalTo("REC-0503-OUTCOMES"))
          .body("detail", containsString("outcomes-service"));
      nothingRecorded(code);
    } finally {
      ScriptedScreeningAssessments.UNAVAILABLE.remove(code);
    }
    sign(code).statusCode(200).body("status", equalTo("ELIGIBLE"));
  }

  @Test
  void aTrialWithoutAThresholdRefusesEligibilityNeverDefaulting() {
    var trial = Api.createTrial("sponsor.maps", Api.trialBody(Api.unique("NOTHR")));
    Api.moveTrial("sponsor.maps", trial, "RECRUITING");
    as("sponsor.maps")
        .when()
        .get("/api/recruitment/trials/{id}", trial)
        .then()
        .body("eligibility.screeningCaps5MinTotal", nullValue());
    var code = consentedCandidate(trial);
    ScriptedScreeningAssessments.rated(code, trial, 80, true);
    sign(code)
        .statusCode(422)
        .body("code", equalTo("REC-0422-NO-CAPS5-THRESHOLD"))
        .body("violations.field", hasItem("trial.eligibility.screeningCaps5MinTotal"));
    nothingRecorded(code);

    Api.screeningThreshold(trial, 28);
    sign(code).statusCode(200).body("status", equalTo("ELIGIBLE"));
  }

  @Test
  void theSponsorSetsTheThresholdWithAReasonAudited() {
    var trial = Api.createTrial("sponsor.maps", Api.trialBody(Api.unique("THR")));
    var path = "/api/recruitment/trials/{id}/screening-caps5-threshold";
    as("investigator.sf")
        .body(Map.of("minTotal", 10, "reason", "x"))
        .when()
        .put(path, trial)
        .then()
        .statusCode(403);
    as("sponsor.northstar")
        .body(Map.of("minTotal", 10, "reason", "x"))
        .when()
        .put(path, trial)
        .then()
        .statusCode(404);
    as("sponsor.maps")
        .body(Map.of("minTotal", 81, "reason", "x"))
        .when()
        .put(path, trial)
        .then()
        .statusCode(400)
        .body("violations.field", hasItem("minTotal"));
    as("sponsor.maps")
        .body(Map.of("minTotal", 35))
        .when()
        .put(path, trial)
        .then()
        .statusCode(400)
        .body("violations.field", hasItem("reason"));
    as("sponsor.maps")
        .when()
        .get("/api/recruitment/trials/{id}", trial)
        .then()
        .body("eligibility.screeningCaps5MinTotal", nullValue());

    as("sponsor.maps")
        .body(Map.of("minTotal", 35, "reason", "MAPP1 protocol 5.1"))
        .when()
        .put(path, trial)
        .then()
        .statusCode(200)
        .body("eligibility.screeningCaps5MinTotal", equalTo(35));
    // 0 is a value, not "unset".
    as("sponsor.maps")
        .body(Map.of("minTotal", 0, "reason", "amendment 3"))
        .when()
        .put(path, trial)
        .then()
        .statusCode(200)
        .body("eligibility.screeningCaps5MinTotal", equalTo(0));
    as("regulator.fda")
        .queryParam("entityType", "Trial")
        .queryParam("entityId", trial)
        .when()
        .get("/api/recruitment/audit")
        .then()
        .statusCode(200)
        .body("items.findAll { it.action == 'UPDATE' }.reason", hasItem("MAPP1 protocol 5.1"))
        .body(
            "items.findAll { it.reason == 'amendment 3' }[0].before.eligibility.screeningCaps5MinTotal",
            equalTo(35))
        .body(
            "items.findAll { it.reason == 'amendment 3' }[0].after.eligibility.screeningCaps5MinTotal",
            equalTo(0));
  }
}

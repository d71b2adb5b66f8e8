package org.mdmaat.recruitment.participant;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.oneOf;
import static org.hamcrest.Matchers.startsWith;
import static org.mdmaat.recruitment.Api.as;
import static org.mdmaat.recruitment.Api.signing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.ParticipantEnrolled;
import org.mdmaat.contracts.events.ParticipantRandomized;
import org.mdmaat.contracts.events.ParticipantWithdrawn;
import org.mdmaat.contracts.events.Topics;
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
class ParticipantLifecycleTest {
  private static final String P = "/api/recruitment/participants";

  @Inject ObjectMapper json;

  static Map<String, Object> candidate(String trial, String site) {
    return Api.candidate(trial, site);
  }

  static String register(String trial) {
    return as("coordinator.sf")
        .body(candidate(trial, "US-SF-01"))
        .when()
        .post(P)
        .then()
        .statusCode(201)
        .body("status", equalTo("SCREENING"))
        .body("code", matchesPattern("P-[2-9A-Z]{8}"))
        .extract()
        .path("code");
  }

  /** Registers a candidate and takes them to ENROLLED (consent, screening CAPS-5, signature). */
  static String enrolled(String trial) {
    var code = register(trial);
    Api.eligible(code, trial);
    as("coordinator.sf").when().post(P + "/{code}/enrollment", code).then().statusCode(200);
    return code;
  }

  @Test
  void aCandidateGoesFromScreeningToCompletedWithSignatureConsentAndEvents() throws Exception {
    var trial = Api.recruitingTrial();
    var code = register(trial);

    // Consent first (ICH E6): SCREENING cannot jump to ELIGIBLE, nor to ENROLLED.
    signing("investigator.sf")
        .body(Map.of("meaning", "APPROVAL"))
        .when()
        .post(P + "/{code}/eligibility", code)
        .then()
        .statusCode(409)
        .contentType(startsWith("application/problem+json"))
        .body("code", equalTo("REC-0409"))
        .body("detail", containsString("consent"));
    as("coordinator.sf").when().post(P + "/{code}/enrollment", code).then().statusCode(409);

    as("coordinator.sf")
        .body(Map.of("formVersion", "ICF v2.1", "consentDate", "2026-01-10"))
        .when()
        .post(P + "/{code}/consent", code)
        .then()
        .statusCode(200)
        .body("status", equalTo("CONSENTED"))
        .body("consentFormVersion", equalTo("ICF v2.1"))
        .body("consentDate", equalTo("2026-01-10"))
        .body("consentRecordedBy", equalTo("coordinator.sf"))
        .body("consentRecordedAt", notNullValue());
    // Consented is not eligible: enrollment waits for the signature.
    as("coordinator.sf").when().post(P + "/{code}/enrollment", code).then().statusCode(409);

    org.mdmaat.recruitment.ScriptedScreeningAssessments.rated(code, trial, 44, true);
    signing("investigator.sf")
        .body(Map.of("meaning", "APPROVAL"))
        .when()
        .post(P + "/{code}/eligibility", code)
        .then()
        .statusCode(200)
        .body("status", equalTo("ELIGIBLE"))
        .body("eligibilitySignature.signerUsername", equalTo("investigator.sf"))
        .body("eligibilitySignature.signerName", equalTo("Elena Marquez"))
        .body("eligibilitySignature.meaning", equalTo("APPROVAL"))
        .body("eligibilitySignature.recordType", equalTo("ParticipantEligibility"))
        .body("eligibilitySignature.contentHash", matchesPattern("[0-9a-f]{64}"))
        .body("eligibilitySignature.signedAt", notNullValue());
    as("coordinator.sf")
        .when()
        .post(P + "/{code}/enrollment", code)
        .then()
        .statusCode(200)
        .body("status", equalTo("ENROLLED"));

    String kit =
        as("coordinator.sf")
            .when()
            .post(P + "/{code}/randomization", code)
            .then()
            .statusCode(200)
            .body("kitCode", matchesPattern("K-[2-9A-Z]{10}"))
            .body("stratum", equalTo("US-SF-01"))
            .body("$", not(hasKey("arm")))
            .extract()
            .path("kitCode");
    as("coordinator.sf").when().post(P + "/{code}/randomization", code).then().statusCode(409);

    as("coordinator.sf")
        .body(Map.of("status", "IN_TREATMENT"))
        .when()
        .post(P + "/{code}/status", code)
        .then()
        .statusCode(200)
        .body("status", equalTo("IN_TREATMENT"));
    as("coordinator.sf")
        .body(Map.of("status", "COMPLETED"))
        .when()
        .post(P + "/{code}/status", code)
        .then()
        .statusCode(200)
        .body("status", equalTo("COMPLETED"));
    as("coordinator.sf")
        .body(Map.of("status", "WITHDRAWN", "reason", "moved away"))
        .when()
        .post(P + "/{code}/status", code)
        .then()
        .statusCode(409);

    as("investigator.sf")
        .when()
        .get(P + "/{code}", code)
        .then()
        .statusCode(200)
        .body("fullName", equalTo("Jordan Secretname"))
        .body("kitCode", equalTo(kit))
        .body("weightKg", equalTo(81.5f))
        .body("veteran", equalTo(true))
        .body("combatExposure", equalTo(true))
        .body("dissociativeSubtype", equalTo(true));

    var enrolled =
        Api.events(
            Topics.PARTICIPANTS, code, e -> e.type().equals(EventTypes.PARTICIPANT_ENROLLED), 1);
    assertThat(enrolled).hasSize(1);
    var enrolledEvent = json.treeToValue(enrolled.get(0).data(), ParticipantEnrolled.class);
    assertThat(enrolledEvent.siteCode()).isEqualTo("US-SF-01");
    assertThat(enrolledEvent.trialId()).isEqualTo(trial);

    var randomized =
        Api.events(
            Topics.PARTICIPANTS, code, e -> e.type().equals(EventTypes.PARTICIPANT_RANDOMIZED), 1);
    assertThat(randomized).hasSize(1);
    var data = randomized.get(0).data();
    assertThat(data.has("arm")).isFalse();
    assertThat(data.toString()).doesNotContain("MDMA").doesNotContain("PLACEBO");
    var event = json.treeToValue(data, ParticipantRandomized.class);
    assertThat(event.kitCode()).isEqualTo(kit);
    assertThat(event.veteran()).isTrue();
    assertThat(data.toString()).doesNotContain("Secretname").doesNotContain("example.org");

    // The audit trail has every move, without the name or contact details.
    as("regulator.fda")
        .queryParam("participantCode", code)
        .when()
        .get("/api/recruitment/audit")
        .then()
        .statusCode(200)
        .body("items", hasSize(7))
        .body("items[0].action", equalTo("CREATE"))
        .body("items[6].after.status", equalTo("COMPLETED"))
        .body("items.toString()", not(containsString("Secretname")))
        .body("items.toString()", not(containsString("jordan@example.org")))
        .body("items.toString()", not(containsString("555 0100")));
  }

  @Test
  void withdrawalAndScreenFailureNeedAReasonAndWithdrawalIsAnnounced() throws Exception {
    var trial = Api.recruitingTrial();
    var failed = register(trial);
    as("coordinator.sf")
        .body(Map.of("status", "SCREEN_FAILED"))
        .when()
        .post(P + "/{code}/status", failed)
        .then()
        .statusCode(400)
        .body("violations.field", hasItem("reason"));
    as("coordinator.sf")
        .body(Map.of("status", "SCREEN_FAILED", "reason", "QTc prolongation on ECG"))
        .when()
        .post(P + "/{code}/status", failed)
        .then()
        .statusCode(200)
        .body("status", equalTo("SCREEN_FAILED"))
        .body("endedReason", equalTo("QTc prolongation on ECG"));

    var code = enrolled(trial);
    as("coordinator.sf")
        .body(Map.of("status", "SCREEN_FAILED", "reason", "too late"))
        .when()
        .post(P + "/{code}/status", code)
        .then()
        .statusCode(409);
    as("coordinator.sf")
        .body(Map.of("status", "ENROLLED"))
        .when()
        .post(P + "/{code}/status", code)
        .then()
        .statusCode(400)
        .body("violations.field", hasItem("status"));
    as("coordinator.sf")
        .body(Map.of("status", "WITHDRAWN", "reason", "moved away"))
        .when()
        .post(P + "/{code}/status", code)
        .then()
        .statusCode(200)
        .body("status", equalTo("WITHDRAWN"));
    var withdrawn =
        Api.events(
            Topics.PARTICIPANTS, code, e -> e.type().equals(EventTypes.PARTICIPANT_WITHDRAWN), 1);
    assertThat(withdrawn).hasSize(1);
    assertThat(json.treeToValue(withdrawn.get(0).data(), ParticipantWithdrawn.class).reason())
        .isEqualTo("moved away");
  }

  @Test
  void onlyThatSitesStaffSeeOrMoveAParticipant() {
    var trial = Api.recruitingTrial();
    var code = register(trial);
    given().when().get(P + "/{code}", code).then().statusCode(401);
    as("coordinator.bos")
        .when()
        .get(P + "/{code}", code)
        .then()
        .statusCode(404)
        .contentType(startsWith("application/problem+json"));
    as("investigator.bos")
        .body(Map.of("meaning", "APPROVAL"))
        .when()
        .post(P + "/{code}/eligibility", code)
        .then()
        .statusCode(404);
    as("coordinator.bos")
        .body(Map.of("status", "WITHDRAWN", "reason", "x"))
        .when()
        .post(P + "/{code}/status", code)
        .then()
        .statusCode(404);
    // Coordinators cannot sign eligibility; investigators cannot register candidates.
    as("coordinator.sf")
        .body(Map.of("meaning", "APPROVAL"))
        .when()
        .post(P + "/{code}/eligibility", code)
        .then()
        .statusCode(403);
    as("investigator.sf").body(candidate(trial, "US-SF-01")).when().post(P).then().statusCode(403);
    as("therapist.sf1").when().get(P + "/{code}", code).then().statusCode(403);
    // A coordinator registers only at their own site.
    as("coordinator.bos").body(candidate(trial, "US-SF-01")).when().post(P).then().statusCode(404);
    as("coordinator.bos").queryParam("siteCode", "US-SF-01").when().get(P).then().statusCode(404);
    as("coordinator.sf")
        .queryParam("siteCode", "US-SF-01")
        .queryParam("trialId", trial)
        .when()
        .get(P)
        .then()
        .statusCode(200)
        .body("items.code", equalTo(java.util.List.of(code)))
        .body("total", equalTo(1));
    as("coordinator.sf").when().get(P + "/{code}", "P-NOSUCH00").then().statusCode(404);
  }

  @Test
  void candidatesAreTakenOnlyWhileTheTrialEnrolsAndInputIsValidated() {
    var notYet = Api.createTrial("sponsor.maps", Api.trialBody(Api.unique("NY")));
    as("coordinator.sf")
        .body(candidate(notYet, "US-SF-01"))
        .when()
        .post(P)
        .then()
        .statusCode(422)
        .body("code", equalTo("REC-0422-NOT-ENROLLING"));

    var trial = Api.recruitingTrial();
    var code = enrolled(trial);
    Api.moveTrial("sponsor.maps", trial, "SUSPENDED");
    as("coordinator.sf")
        .when()
        .post(P + "/{code}/randomization", code)
        .then()
        .statusCode(422)
        .body("code", equalTo("REC-0422-NOT-ENROLLING"));
    as("coordinator.sf")
        .when()
        .get(P + "/{code}", code)
        .then()
        .body("status", equalTo("ENROLLED"))
        .body("kitCode", nullValue());

    var noName = candidate(trial, "US-SF-01");
    noName.remove("fullName");
    noName.put("weightKg", 5);
    as("coordinator.sf")
        .body(noName)
        .when()
        .post(P)
        .then()
        .statusCode(400)
        .body("violations.field", hasItem("fullName"))
        .body("violations.field", hasItem("weightKg"));
    var unknown = candidate(trial, "US-SF-01");
    unknown.put("arm", "MDMA");
    as("coordinator.sf").body(unknown).when().post(P).then().statusCode(400);
    as("coordinator.sf")
        .body(candidate("no-such-trial", "US-SF-01"))
        .when()
        .post(P)
        .then()
        .statusCode(404);
  }

  @Test
  void armsAreShownOnlyToUnblindedRolesAndEmergencyUnblindingIsAudited() throws Exception {
    var body = Api.trialBody(Api.unique("BL"));
    body.put("randomization", Map.of("stratifyByDissociativeSubtype", true));
    var trial = Api.recruitingTrial(body);

    var byPharmacist = enrolled(trial);
    as("pharmacist.sf")
        .when()
        .post(P + "/{code}/randomization", byPharmacist)
        .then()
        .statusCode(200)
        .body("stratum", equalTo("US-SF-01/dissociative"))
        .body("arm", oneOf("MDMA", "PLACEBO"));

    var code = enrolled(trial);
    as("coordinator.sf")
        .when()
        .post(P + "/{code}/randomization", code)
        .then()
        .statusCode(200)
        .body("$", not(hasKey("arm")));

    // Regulators see arms only after unblinding; pharmacists and the DSMB at any time.
    as("regulator.fda")
        .when()
        .get("/api/recruitment/trials/{id}/allocations", trial)
        .then()
        .statusCode(403)
        .contentType(startsWith("application/problem+json"));
    as("pharmacist.sf")
        .when()
        .get("/api/recruitment/trials/{id}/allocations", trial)
        .then()
        .statusCode(200)
        .body("disclosed", equalTo(true))
        .body("allocations", hasSize(2))
        .body("allocations.arm", hasItem(oneOf("MDMA", "PLACEBO")));
    as("dsmb.chair")
        .when()
        .get("/api/recruitment/trials/{id}/allocations", trial)
        .then()
        .statusCode(200)
        .body("allocations", hasSize(2));
    as("coordinator.sf")
        .when()
        .get("/api/recruitment/trials/{id}/allocations", trial)
        .then()
        .statusCode(403);

    // Emergency unblinding: an investigator at the site, with a reason.
    as("coordinator.sf")
        .body(Map.of("reason", "ER visit", "signature", Map.of("meaning", "RESPONSIBILITY")))
        .when()
        .post(P + "/{code}/emergency-unblinding", code)
        .then()
        .statusCode(403);
    signing("investigator.bos")
        .body(Map.of("reason", "ER visit", "signature", Map.of("meaning", "RESPONSIBILITY")))
        .when()
        .post(P + "/{code}/emergency-unblinding", code)
        .then()
        .statusCode(404);
    signing("investigator.sf")
        .body(Map.of("reason", "", "signature", Map.of("meaning", "RESPONSIBILITY")))
        .when()
        .post(P + "/{code}/emergency-unblinding", code)
        .then()
        .statusCode(400)
        .body("violations.field", hasItem("reason"));
    signing("investigator.sf")
        .body(Map.of("reason", "serotonin syndrome suspected in the ER"))
        .when()
        .post(P + "/{code}/emergency-unblinding", code)
        .then()
        .statusCode(400)
        .body("violations.field", hasItem("signature"));
    // Not a fresh login: refused, and the participant stays blinded.
    as("investigator.sf")
        .body(
            Map.of(
                "reason",
                "serotonin syndrome suspected in the ER",
                "signature",
                Map.of("meaning", "RESPONSIBILITY")))
        .when()
        .post(P + "/{code}/emergency-unblinding", code)
        .then()
        .statusCode(401)
        .body("code", equalTo("PLATFORM-0401-REAUTHENTICATE"))
        .body(not(containsString("MDMA")))
        .body(not(containsString("PLACEBO")));
    as("investigator.sf")
        .when()
        .get(P + "/{code}", code)
        .then()
        .body("emergencyUnblindedAt", nullValue());
    signing("investigator.sf")
        .body(
            Map.of(
                "reason",
                "serotonin syndrome suspected in the ER",
                "signature",
                Map.of("meaning", "RESPONSIBILITY")))
        .when()
        .post(P + "/{code}/emergency-unblinding", code)
        .then()
        .statusCode(200)
        .body("arm", oneOf("MDMA", "PLACEBO"));
    // The sponsor's medical monitor and the DSMB are told, without the arm.
    var told =
        Api.events(
            Topics.PARTICIPANTS,
            code,
            e -> e.type().equals(EventTypes.PARTICIPANT_EMERGENCY_UNBLINDED),
            1);
    assertThat(told).hasSize(1);
    assertThat(told.get(0).data().toString())
        .contains("serotonin syndrome")
        .contains("investigator.sf")
        .doesNotContain("MDMA")
        .doesNotContain("PLACEBO")
        .doesNotContain("arm");
    as("regulator.fda")
        .queryParam("participantCode", code)
        .queryParam("entityType", "Participant")
        .when()
        .get("/api/recruitment/audit")
        .then()
        .body("items.action", hasItem("EMERGENCY_UNBLIND"))
        .body(
            "items.find { it.action == 'EMERGENCY_UNBLIND' }.reason",
            equalTo("serotonin syndrome suspected in the ER"))
        .body("items.find { it.action == 'EMERGENCY_UNBLIND' }.actor", equalTo("investigator.sf"));
    as("investigator.sf")
        .when()
        .get(P + "/{code}", code)
        .then()
        .body("emergencyUnblindedAt", notNullValue());
    var unrandomized = register(trial);
    signing("investigator.sf")
        .body(Map.of("reason", "ER", "signature", Map.of("meaning", "RESPONSIBILITY")))
        .when()
        .post(P + "/{code}/emergency-unblinding", unrandomized)
        .then()
        .statusCode(409);

    Api.unblind(trial);
    as("regulator.fda")
        .when()
        .get("/api/recruitment/trials/{id}/allocations", trial)
        .then()
        .statusCode(200)
        .body("allocations", hasSize(2))
        .body("allocations.participantCode", hasItem(code));
    as("regulator.fda")
        .queryParam("entityType", "Allocations")
        .queryParam("entityId", trial)
        .when()
        .get("/api/recruitment/audit")
        .then()
        .body("items.actor", hasItem("regulator.fda"))
        .body("items.actor", hasItem("pharmacist.sf"))
        .body("items.actor", hasItem("dsmb.chair"));
  }

  @Test
  void weightAndSubgroupFactsAreUpdatedWithAReasonButTheStratumStaysFixed() {
    var body = Api.trialBody(Api.unique("CH"));
    body.put("randomization", Map.of("stratifyByDissociativeSubtype", true));
    var trial = Api.recruitingTrial(body);
    var code = enrolled(trial);
    as("coordinator.sf")
        .body(Map.of("weightKg", 79.0, "veteran", false))
        .when()
        .post(P + "/{code}/characteristics", code)
        .then()
        .statusCode(400)
        .body("violations.field", hasItem("reason"));
    as("coordinator.bos")
        .body(Map.of("weightKg", 79.0, "reason", "scale"))
        .when()
        .post(P + "/{code}/characteristics", code)
        .then()
        .statusCode(404);
    as("investigator.sf")
        .body(Map.of("weightKg", 79.0, "traumaticBrainInjury", true, "reason", "re-weighed"))
        .when()
        .post(P + "/{code}/characteristics", code)
        .then()
        .statusCode(200)
        .body("weightKg", equalTo(79.0f))
        .body("traumaticBrainInjury", equalTo(true))
        .body("veteran", equalTo(true));
    as("coordinator.sf").when().post(P + "/{code}/randomization", code).then().statusCode(200);
    as("coordinator.sf")
        .body(Map.of("dissociativeSubtype", false, "reason", "re-assessed"))
        .when()
        .post(P + "/{code}/characteristics", code)
        .then()
        .statusCode(409);
    as("coordinator.sf")
        .when()
        .get(P + "/{code}", code)
        .then()
        .body("dissociativeSubtype", equalTo(true))
        .body("stratum", equalTo("US-SF-01/dissociative"));
  }

  @Test
  void sexAndChildbearingPotentialAreRecordedShownAndCorrectedWithAReason() {
    var trial = Api.recruitingTrial();
    var code =
        as("coordinator.sf")
            .body(candidate(trial, "US-SF-01"))
            .when()
            .post(P)
            .then()
            .statusCode(201)
            .body("sex", equalTo("FEMALE"))
            .body("childbearingPotential", equalTo(true))
            .extract()
            .<String>path("code");
    as("investigator.sf")
        .when()
        .get(P + "/{code}", code)
        .then()
        .statusCode(200)
        .body("sex", equalTo("FEMALE"))
        .body("childbearingPotential", equalTo(true));

    as("investigator.sf")
        .body(Map.of("childbearingPotential", false))
        .when()
        .post(P + "/{code}/characteristics", code)
        .then()
        .statusCode(400)
        .body("violations.field", hasItem("reason"));
    as("investigator.sf")
        .body(Map.of("sex", "UNKNOWN", "reason", "typo"))
        .when()
        .post(P + "/{code}/characteristics", code)
        .then()
        .statusCode(400)
        .body("violations.field", hasItem("sex"));
    as("investigator.sf")
        .body(Map.of("childbearingPotential", false, "reason", "post-menopausal, confirmed"))
        .when()
        .post(P + "/{code}/characteristics", code)
        .then()
        .statusCode(200)
        .body("sex", equalTo("FEMALE"))
        .body("childbearingPotential", equalTo(false));
    as("coordinator.sf")
        .body(Map.of("sex", "INTERSEX", "reason", "entry error"))
        .when()
        .post(P + "/{code}/characteristics", code)
        .then()
        .statusCode(200)
        .body("sex", equalTo("INTERSEX"))
        .body("childbearingPotential", equalTo(false));

    as("regulator.fda")
        .queryParam("participantCode", code)
        .when()
        .get("/api/recruitment/audit")
        .then()
        .statusCode(200)
        .body(
            "items.findAll { it.action == 'UPDATE' }.reason",
            equalTo(java.util.List.of("post-menopausal, confirmed", "entry error")))
        .body("items.find { it.action == 'UPDATE' }.before.childbearingPotential", equalTo(true))
        .body("items.find { it.action == 'UPDATE' }.after.childbearingPotential", equalTo(false))
        .body("items.findAll { it.action == 'UPDATE' }[1].before.sex", equalTo("FEMALE"))
        .body("items.findAll { it.action == 'UPDATE' }[1].after.sex", equalTo("INTERSEX"));
  }

  @Test
  void sexAndChildbearingPotentialAreRequiredAtRegistrationAndNothingIsWrittenWithout() {
    var trial = Api.recruitingTrial();
    var noSex = candidate(trial, "US-SF-01");
    noSex.remove("sex");
    as("coordinator.sf")
        .body(noSex)
        .when()
        .post(P)
        .then()
        .statusCode(400)
        .contentType(startsWith("application/problem+json"))
        .body("code", equalTo("PLATFORM-0400"))
        .body("violations.field", hasItem("sex"));
    var noPotential = candidate(trial, "US-SF-01");
    noPotential.remove("childbearingPotential");
    as("coordinator.sf")
        .body(noPotential)
        .when()
        .post(P)
        .then()
        .statusCode(400)
        .body("code", equalTo("PLATFORM-0400"))
        .body("violations.field", hasItem("childbearingPotential"));
    var nullPotential = candidate(trial, "US-SF-01");
    nullPotential.put("childbearingPotential", null);
    as("coordinator.sf")
        .body(nullPotential)
        .when()
        .post(P)
        .then()
        .statusCode(400)
        .body("violations.field", hasItem("childbearingPotential"));
    var unknownSex = candidate(trial, "US-SF-01");
    unknownSex.put("sex", "SEX_UNSPECIFIED");
    as("coordinator.sf")
        .body(unknownSex)
        .when()
        .post(P)
        .then()
        .statusCode(400)
        .body("code", equalTo("PLATFORM-0400"))
        .body("violations.field", hasItem("sex"));

    as("coordinator.sf")
        .queryParam("siteCode", "US-SF-01")
        .queryParam("trialId", trial)
        .when()
        .get(P)
        .then()
        .statusCode(200)
        .body("total", equalTo(0));
    as("regulator.fda")
        .queryParam("trialId", trial)
        .queryParam("entityType", "Participant")
        .when()
        .get("/api/recruitment/audit")
        .then()
        .statusCode(200)
        .body("items", hasSize(0));
  }

  /** Concurrent randomizations take distinct slots: with blocks of 2, twelve split 6/6. */
  @Test
  void concurrentRandomizationsNeverShareASlot() throws Exception {
    var body = Api.trialBody(Api.unique("CC"));
    body.put("randomization", Map.of("blockSizes", java.util.List.of(2)));
    var trial = Api.recruitingTrial(body);
    var codes = new java.util.ArrayList<String>();
    for (int i = 0; i < 12; i++) {
      codes.add(enrolled(trial));
    }
    var pool = java.util.concurrent.Executors.newFixedThreadPool(6);
    try {
      var answers =
          pool.invokeAll(
              codes.stream()
                  .map(
                      c ->
                          (java.util.concurrent.Callable<Integer>)
                              () ->
                                  as("coordinator.sf")
                                      .when()
                                      .post(P + "/{code}/randomization", c)
                                      .then()
                                      .extract()
                                      .statusCode())
                  .toList());
      for (var answer : answers) {
        assertThat(answer.get()).isEqualTo(200);
      }
    } finally {
      pool.shutdown();
    }
    var arms =
        as("pharmacist.sf")
            .when()
            .get("/api/recruitment/trials/{id}/allocations", trial)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("allocations.arm", String.class);
    assertThat(arms).hasSize(12);
    assertThat(arms.stream().filter("MDMA"::equals).count()).isEqualTo(6);
    var kits =
        as("pharmacist.sf")
            .when()
            .get("/api/recruitment/trials/{id}/allocations", trial)
            .then()
            .extract()
            .jsonPath()
            .getList("allocations.kitCode", String.class);
    assertThat(kits).doesNotHaveDuplicates();
  }
}

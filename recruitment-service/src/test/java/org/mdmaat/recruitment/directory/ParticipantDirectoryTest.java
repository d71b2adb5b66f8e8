package org.mdmaat.recruitment.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.mdmaat.recruitment.Api.as;

import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mdmaat.contracts.grpc.recruitment.AllocationRequest;
import org.mdmaat.contracts.grpc.recruitment.ParticipantDirectory;
import org.mdmaat.contracts.grpc.recruitment.ParticipantRequest;
import org.mdmaat.contracts.grpc.recruitment.ParticipantStatus;
import org.mdmaat.contracts.grpc.recruitment.RegimenKind;
import org.mdmaat.contracts.grpc.recruitment.TrialRequest;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.recruitment.Api;
import org.mdmaat.recruitment.SelfServedPort;

/** The ParticipantDirectory contract, called over gRPC on the service's own port. */
@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "recruitment"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedPort.class)
class ParticipantDirectoryTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @GrpcClient("participant-directory")
  ParticipantDirectory directory;

  private static String randomized(String trial) {
    var body = new java.util.HashMap<String, Object>();
    body.put("trialId", trial);
    body.put("siteCode", "US-SF-01");
    body.put("fullName", "Robin Hiddenname");
    body.put("email", "robin@example.org");
    body.put("weightKg", 64.0);
    body.put("dissociativeSubtype", false);
    body.put("veteran", false);
    body.put("combatExposure", false);
    body.put("traumaticBrainInjury", true);
    String code =
        as("coordinator.sf")
            .body(body)
            .when()
            .post("/api/recruitment/participants")
            .then()
            .statusCode(201)
            .extract()
            .path("code");
    as("investigator.sf")
        .body(Map.of("printedName", "Dr. Vega", "meaning", "APPROVAL"))
        .post("/api/recruitment/participants/{c}/eligibility", code)
        .then()
        .statusCode(200);
    as("coordinator.sf")
        .body(Map.of("formVersion", "v1", "consentDate", "2026-02-01"))
        .post("/api/recruitment/participants/{c}/consent", code)
        .then()
        .statusCode(200);
    as("coordinator.sf")
        .post("/api/recruitment/participants/{c}/enrollment", code)
        .then()
        .statusCode(200);
    as("coordinator.sf")
        .post("/api/recruitment/participants/{c}/randomization", code)
        .then()
        .statusCode(200);
    return code;
  }

  @Test
  void getParticipantAnswersByCodeWithoutNamesOrArms() {
    var trial = Api.recruitingTrial();
    var code = randomized(trial);
    var record =
        directory
            .getParticipant(ParticipantRequest.newBuilder().setParticipantCode(code).build())
            .await()
            .atMost(WAIT);
    assertThat(record.getFound()).isTrue();
    assertThat(record.getTrialId()).isEqualTo(trial);
    assertThat(record.getSiteCode()).isEqualTo("US-SF-01");
    assertThat(record.getStatus()).isEqualTo(ParticipantStatus.RANDOMIZED);
    assertThat(record.getWeightKg()).isEqualTo(64.0);
    assertThat(record.getStratum()).isEqualTo("US-SF-01");
    assertThat(record.getKitCode()).startsWith("K-");
    assertThat(record.toString())
        .doesNotContain("Hiddenname")
        .doesNotContain("robin@")
        .doesNotContain("MDMA")
        .doesNotContain("PLACEBO");

    var missing =
        directory
            .getParticipant(
                ParticipantRequest.newBuilder().setParticipantCode("P-NONE0000").build())
            .await()
            .atMost(WAIT);
    assertThat(missing.getFound()).isFalse();
    assertThat(
            directory
                .getParticipant(ParticipantRequest.getDefaultInstance())
                .await()
                .atMost(WAIT)
                .getFound())
        .isFalse();
  }

  @Test
  void getTrialProtocolGivesTheRegimenAndVisitTemplateWithMappDefaults() {
    var trial = Api.recruitingTrial();
    var protocol =
        directory
            .getTrialProtocol(TrialRequest.newBuilder().setTrialId(trial).build())
            .await()
            .atMost(WAIT);
    assertThat(protocol.getFound()).isTrue();
    assertThat(protocol.getRecruitmentStatus()).isEqualTo("RECRUITING");
    assertThat(protocol.getBlinded()).isTrue();
    // Other services scope a sponsor's requests by it.
    assertThat(protocol.getSponsorId()).isEqualTo("maps");
    assertThat(protocol.getSiteCodesList()).containsExactly("US-BOS-02", "US-SF-01");
    var regimen = protocol.getRegimen();
    assertThat(regimen.getKind()).isEqualTo(RegimenKind.FIXED_SPLIT);
    assertThat(regimen.getInitialDosesMgHclList()).containsExactly(80.0, 120.0);
    assertThat(regimen.getFirstSessionInitialMgHcl()).isEqualTo(80.0);
    assertThat(regimen.getSupplementalFraction()).isEqualTo(0.5);
    assertThat(regimen.getSupplementalEarliestMinutes()).isEqualTo(90);
    assertThat(regimen.getSupplementalLatestMinutes()).isEqualTo(120);
    assertThat(regimen.getMaxMgHclPerSession()).isEqualTo(180.0);
    var visits = protocol.getVisitTemplate();
    assertThat(visits.getPreparationSessions()).isEqualTo(3);
    assertThat(visits.getExperimentalSessions()).isEqualTo(3);
    assertThat(visits.getExperimentalIntervalDays()).isEqualTo(28);
    assertThat(visits.getIntegrationSessionsPerExperimental()).isEqualTo(3);
    assertThat(visits.getFollowUpContactsPerExperimental()).isEqualTo(7);

    var body = Api.trialBody(Api.unique("WB"));
    body.put("regimen", Map.of("kind", "WEIGHT_BASED", "capMgHclPerDose", 110.0));
    body.put("visitTemplate", Map.of("experimentalSessions", 2));
    var own = Api.createTrial("sponsor.maps", body);
    var custom =
        directory
            .getTrialProtocol(TrialRequest.newBuilder().setTrialId(own).build())
            .await()
            .atMost(WAIT);
    assertThat(custom.getRecruitmentStatus()).isEqualTo("NOT_YET_RECRUITING");
    assertThat(custom.getRegimen().getKind()).isEqualTo(RegimenKind.WEIGHT_BASED);
    assertThat(custom.getRegimen().getCapMgHclPerDose()).isEqualTo(110.0);
    assertThat(custom.getRegimen().getMinMgPerKg()).isEqualTo(0.75);
    assertThat(custom.getVisitTemplate().getExperimentalSessions()).isEqualTo(2);
    assertThat(custom.getVisitTemplate().getPreparationSessions()).isEqualTo(3);

    assertThat(
            directory
                .getTrialProtocol(TrialRequest.newBuilder().setTrialId("no-such-trial").build())
                .await()
                .atMost(WAIT)
                .getFound())
        .isFalse();
  }

  @Test
  void getAllocationsDisclosesArmsOnlyByTheRuleAndAuditsEachDisclosure() {
    var trial = Api.recruitingTrial();
    var code = randomized(trial);

    var refused =
        directory
            .getAllocations(
                AllocationRequest.newBuilder()
                    .setTrialId(trial)
                    .setRequestedBy("rater.sf")
                    .setRequesterRole("rater")
                    .build())
            .await()
            .atMost(WAIT);
    assertThat(refused.getDisclosed()).isFalse();
    assertThat(refused.getAllocationsList()).isEmpty();

    var toDsmb =
        directory
            .getAllocations(
                AllocationRequest.newBuilder()
                    .setTrialId(trial)
                    .setRequestedBy("dsmb.chair")
                    .setRequesterRole("dsmb")
                    .build())
            .await()
            .atMost(WAIT);
    assertThat(toDsmb.getDisclosed()).isTrue();
    assertThat(toDsmb.getAllocationsList()).hasSize(1);
    var allocation = toDsmb.getAllocations(0);
    assertThat(allocation.getParticipantCode()).isEqualTo(code);
    assertThat(allocation.getSiteCode()).isEqualTo("US-SF-01");
    assertThat(allocation.getKitCode()).startsWith("K-");
    assertThat(allocation.getArm()).isIn("MDMA", "PLACEBO");

    as("regulator.fda")
        .queryParam("entityType", "Allocations")
        .queryParam("entityId", trial)
        .when()
        .get("/api/recruitment/audit")
        .then()
        .statusCode(200)
        .body("items", hasSize(1))
        .body("items[0].actor", equalTo("dsmb.chair"))
        .body("items[0].action", equalTo("DISCLOSE"))
        .body("items[0].after.role", equalTo("dsmb"));

    as("sponsor.maps")
        .body(Map.of("reason", "primary analysis"))
        .post("/api/recruitment/trials/{id}/unblinding", trial)
        .then()
        .statusCode(200);
    var afterUnblinding =
        directory
            .getAllocations(
                AllocationRequest.newBuilder()
                    .setTrialId(trial)
                    .setRequestedBy("rater.sf")
                    .setRequesterRole("rater")
                    .build())
            .await()
            .atMost(WAIT);
    assertThat(afterUnblinding.getDisclosed()).isTrue();
    assertThat(afterUnblinding.getAllocationsList())
        .extracting(a -> a.getArm())
        .containsExactly(allocation.getArm());
    var protocol =
        directory
            .getTrialProtocol(TrialRequest.newBuilder().setTrialId(trial).build())
            .await()
            .atMost(WAIT);
    assertThat(protocol.getBlinded()).isFalse();

    var anonymous =
        directory
            .getAllocations(
                AllocationRequest.newBuilder().setTrialId(trial).setRequesterRole("dsmb").build())
            .await()
            .atMost(WAIT);
    assertThat(anonymous.getDisclosed()).isFalse();
    as("regulator.fda")
        .queryParam("entityType", "Allocations")
        .queryParam("entityId", trial)
        .when()
        .get("/api/recruitment/audit")
        .then()
        .body("items.actor", equalTo(List.of("dsmb.chair", "rater.sf")));
  }
}

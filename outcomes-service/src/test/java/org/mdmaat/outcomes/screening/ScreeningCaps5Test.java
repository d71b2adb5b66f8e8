package org.mdmaat.outcomes.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.mdmaat.outcomes.OutcomesFixtures.as;
import static org.mdmaat.outcomes.OutcomesFixtures.caps5;
import static org.mdmaat.outcomes.OutcomesFixtures.newCode;
import static org.mdmaat.outcomes.OutcomesFixtures.newTrial;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mdmaat.contracts.grpc.outcomes.ScreeningAssessments;
import org.mdmaat.contracts.grpc.outcomes.ScreeningCaps5;
import org.mdmaat.contracts.grpc.outcomes.ScreeningCaps5Request;
import org.mdmaat.contracts.grpc.recruitment.ParticipantRecord;
import org.mdmaat.contracts.grpc.recruitment.ParticipantStatus;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.KeycloakServer;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.outcomes.ScriptedParticipantDirectory;
import org.mdmaat.outcomes.ScriptedTreatmentTeam;
import org.mdmaat.outcomes.SelfServedPeersPort;
import org.mdmaat.platform.calls.ServiceCalls;

/**
 * The screening CAPS-5 (issue 16): recorded by an independent rater for a consented candidate only,
 * and served over gRPC to recruitment-service alone.
 */
@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "outcomes"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedPeersPort.class)
class ScreeningCaps5Test {
  static final String PATH = "/api/outcomes/participants/{code}/screening-caps5";
  private static final Duration WAIT = Duration.ofSeconds(10);

  /** This service's own port (the test port), with no credentials attached. */
  @GrpcClient("screening-assessments-test")
  ScreeningAssessments unauthenticated;

  @AfterEach
  void peersAnswerAgain() {
    ScriptedTreatmentTeam.TEAMS.clear();
    ScriptedTreatmentTeam.UNAVAILABLE_FOR.clear();
  }

  private static String candidate(String trial, ParticipantStatus status) {
    var code = newCode();
    ScriptedParticipantDirectory.PARTICIPANTS.put(
        code,
        ParticipantRecord.newBuilder()
            .setFound(true)
            .setParticipantCode(code)
            .setTrialId(trial)
            .setSiteCode("US-SF-01")
            .setStatus(status)
            .build());
    return code;
  }

  private static Map<String, Object> screening(Map<String, Integer> responses) {
    return Map.of("administeredAt", "2026-01-11T09:30:00-08:00", "responses", responses);
  }

  private static io.restassured.response.ValidatableResponse record(
      String user, String code, Map<String, Integer> responses) {
    return as(user)
        .contentType("application/json")
        .body(screening(responses))
        .when()
        .post(PATH, code)
        .then();
  }

  private ScreeningAssessments calledBy(String service) {
    var headers = new Metadata();
    headers.put(
        ServiceCalls.AUTHORIZATION, "Bearer " + KeycloakServer.shared().serviceToken(service));
    return GrpcClientUtils.attachHeaders(unauthenticated, headers);
  }

  private static ScreeningCaps5Request of(String code) {
    return ScreeningCaps5Request.newBuilder().setParticipantCode(code).build();
  }

  private static void nothingRecorded(String code) {
    as("rater.sf").when().get(PATH, code).then().statusCode(404);
  }

  @Test
  void aRaterRecordsTheScreeningCaps5OfAConsentedCandidateScoredAndAudited() {
    var trial = newTrial();
    var code = candidate(trial, ParticipantStatus.CONSENTED);
    record("rater.sf", code, caps5(44))
        .statusCode(201)
        .body("total", equalTo(44))
        .body("ptsdDiagnosis", equalTo(true))
        .body("flags.ptsdDiagnosis", equalTo(true))
        .body("trialId", equalTo(trial))
        .body("siteCode", equalTo("US-SF-01"))
        .body("recordedBy", equalTo("rater.sf"))
        .body("administeredAt", equalTo("2026-01-11T17:30:00Z"));
    as("investigator.sf").when().get(PATH, code).then().statusCode(200).body("total", equalTo(44));
    as("regulator.fda")
        .queryParam("participantCode", code)
        .when()
        .get("/api/outcomes/audit")
        .then()
        .statusCode(200)
        .body("items", hasSize(1))
        .body("items[0].entityType", equalTo("ScreeningAssessment"))
        .body("items[0].action", equalTo("CREATE"))
        .body("items[0].actor", equalTo("rater.sf"))
        .body("items[0].after.total", equalTo(44));
    // Once per candidate.
    record("rater.sf", code, caps5(50)).statusCode(409).body("code", equalTo("OUT-0409"));

    // recruitment-service reads it at the eligibility signature.
    var answer = calledBy("recruitment-service").getScreeningCaps5(of(code)).await().atMost(WAIT);
    assertThat(answer.getFound()).isTrue();
    assertThat(answer.getTotal()).isEqualTo(44);
    assertThat(answer.getPtsdDiagnosis()).isTrue();
    assertThat(answer.getTrialId()).isEqualTo(trial);
    assertThat(answer.getRatedBy()).isEqualTo("rater.sf");
  }

  @Test
  void beforeConsentNoScreeningIsRecorded() {
    var code = candidate(newTrial(), ParticipantStatus.SCREENING);
    record("rater.sf", code, caps5(44))
        .statusCode(409)
        .body("code", equalTo("OUT-0409-CONSENT"))
        .body("detail", containsString("consent"));
    nothingRecorded(code);
    // Nor after screening ended (already signed eligible).
    var eligible = candidate(newTrial(), ParticipantStatus.ELIGIBLE);
    record("rater.sf", eligible, caps5(44))
        .statusCode(409)
        .body("code", equalTo("OUT-0409-CONSENT"));
    nothingRecorded(eligible);
  }

  @Test
  void aDiagnosisNotMetIsRecordedAsSuch() {
    var code = candidate(newTrial(), ParticipantStatus.CONSENTED);
    var responses = new HashMap<>(caps5(60));
    // No clinically significant distress or impairment (G): the DSM-5 rule is not met.
    responses.put("G", 0);
    record("rater.sf", code, responses)
        .statusCode(201)
        .body("total", equalTo(60))
        .body("ptsdDiagnosis", equalTo(false));
    var answer = calledBy("recruitment-service").getScreeningCaps5(of(code)).await().atMost(WAIT);
    assertThat(answer.getTotal()).isEqualTo(60);
    assertThat(answer.getPtsdDiagnosis()).isFalse();
  }

  @Test
  void onlyAnIndependentRaterAtTheCandidatesSiteRecordsIt() {
    var code = candidate(newTrial(), ParticipantStatus.CONSENTED);
    record("investigator.sf", code, caps5(44)).statusCode(403);
    record("rater.bos", code, caps5(44)).statusCode(404);
    ScriptedTreatmentTeam.TEAMS.put(code, List.of("rater.sf"));
    record("rater.sf", code, caps5(44)).statusCode(403).body("code", equalTo("OUT-0403-TEAM"));
    ScriptedTreatmentTeam.TEAMS.clear();
    var bad = new HashMap<>(caps5(44));
    bad.put("B1", 7);
    record("rater.sf", code, bad)
        .statusCode(422)
        .body("code", equalTo("OUT-0422"))
        .body("violations.field", hasItem("responses.B1"));
    record("rater.sf", newCode(), caps5(44)).statusCode(404);
    nothingRecorded(code);
  }

  @Test
  void noAnswerFromRecruitmentOrSessionRefuses() {
    var code = candidate(newTrial(), ParticipantStatus.CONSENTED);
    ScriptedParticipantDirectory.UNAVAILABLE.add(code);
    try {
      record("rater.sf", code, caps5(44))
          .statusCode(503)
          .body("code", equalTo("OUT-0503-DIRECTORY"));
    } finally {
      ScriptedParticipantDirectory.UNAVAILABLE.remove(code);
    }
    ScriptedTreatmentTeam.UNAVAILABLE_FOR.add(code);
    record("rater.sf", code, caps5(44)).statusCode(503).body("code", equalTo("OUT-0503"));
    nothingRecorded(code);
  }

  @Test
  void theGrpcAnswersRecruitmentServiceOnly() {
    var code = candidate(newTrial(), ParticipantStatus.CONSENTED);
    var none = calledBy("recruitment-service").getScreeningCaps5(of(code)).await().atMost(WAIT);
    assertThat(none.getFound()).isFalse();

    assertThat(refusal(() -> unauthenticated.getScreeningCaps5(of(code)).await().atMost(WAIT)))
        .isEqualTo(Status.Code.UNAUTHENTICATED);
    for (var other : List.of("outcomes-service", "session-service", "safety-service")) {
      assertThat(refusal(() -> calledBy(other).getScreeningCaps5(of(code)).await().atMost(WAIT)))
          .as(other)
          .isEqualTo(Status.Code.PERMISSION_DENIED);
    }
    // A person's token, even a rater's, is not a service's.
    var headers = new Metadata();
    headers.put(
        ServiceCalls.AUTHORIZATION,
        "Bearer " + KeycloakServer.shared().accessToken("rater.sf", "demo"));
    var asPerson = GrpcClientUtils.attachHeaders(unauthenticated, headers);
    assertThat(refusal(() -> asPerson.getScreeningCaps5(of(code)).await().atMost(WAIT)))
        .isEqualTo(Status.Code.PERMISSION_DENIED);
  }

  private static Status.Code refusal(java.util.function.Supplier<ScreeningCaps5> call) {
    var failure = catchThrowable(call::get);
    assertThat(failure).isInstanceOf(StatusRuntimeException.class);
    return ((StatusRuntimeException) failure).getStatus().getCode();
  }
}

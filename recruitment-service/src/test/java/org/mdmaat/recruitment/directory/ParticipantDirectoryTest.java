package org.mdmaat.recruitment.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.mdmaat.recruitment.Api.as;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.GrpcClientUtils;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mdmaat.contracts.grpc.recruitment.AllocationRequest;
import org.mdmaat.contracts.grpc.recruitment.ParticipantDirectory;
import org.mdmaat.contracts.grpc.recruitment.ParticipantRecord;
import org.mdmaat.contracts.grpc.recruitment.ParticipantRequest;
import org.mdmaat.contracts.grpc.recruitment.ParticipantStatus;
import org.mdmaat.contracts.grpc.recruitment.RegimenKind;
import org.mdmaat.contracts.grpc.recruitment.Sex;
import org.mdmaat.contracts.grpc.recruitment.TrialProtocol;
import org.mdmaat.contracts.grpc.recruitment.TrialRequest;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.KeycloakServer;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.platform.calls.ServiceCalls;
import org.mdmaat.recruitment.Api;
import org.mdmaat.recruitment.SelfServedPort;
import org.mdmaat.recruitment.participant.Participant;
import org.mdmaat.recruitment.trial.Trial;
import org.mdmaat.recruitment.trial.TrialSite;

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
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The service's own port, with no credentials attached. */
  @GrpcClient("participant-directory")
  ParticipantDirectory unauthenticated;

  /** As safety-service calls it: with safety-service's own token. */
  ParticipantDirectory directory;

  @BeforeEach
  void asSafetyService() {
    directory = calledBy("safety-service", null);
  }

  /** The directory as {@code service} calls it (its own token), for {@code person} if not null. */
  private ParticipantDirectory calledBy(String service, String person) {
    var headers = new Metadata();
    headers.put(
        ServiceCalls.AUTHORIZATION, "Bearer " + KeycloakServer.shared().serviceToken(service));
    if (person != null) {
      headers.put(ServiceCalls.ON_BEHALF_OF, KeycloakServer.shared().accessToken(person, "demo"));
    }
    return GrpcClientUtils.attachHeaders(unauthenticated, headers);
  }

  private static AllocationRequest allocationsOf(String trial) {
    return AllocationRequest.newBuilder().setTrialId(trial).build();
  }

  private static Status.Code refusal(Supplier<Object> call) {
    var failure = catchThrowable(call::get);
    assertThat(failure).isInstanceOf(StatusRuntimeException.class);
    return ((StatusRuntimeException) failure).getStatus().getCode();
  }

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
    body.put("sex", "FEMALE");
    body.put("childbearingPotential", false);
    String code =
        as("coordinator.sf")
            .body(body)
            .when()
            .post("/api/recruitment/participants")
            .then()
            .statusCode(201)
            .extract()
            .path("code");
    Api.eligible(code, trial);
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
  void getTrialProtocolGivesTheMappDefaultsStoredAtCreation() {
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
  void getTrialProtocolServesSettingsExactlyAsStoredWithPresenceAndSiteTimeZones()
      throws Throwable {
    var body = Api.trialBody(Api.unique("ZERO"));
    body.put("regimen", Map.of("supplementalFraction", 0.0, "supplementalEarliestMinutes", 0));
    body.put(
        "visitTemplate", Map.of("preparationSessions", 0, "followUpContactsPerExperimental", 0));
    var trial = Api.createTrial("sponsor.maps", body);

    var protocol = protocol(trial);
    var regimen = protocol.getRegimen();
    assertThat(regimen.hasSupplementalFraction()).as("a configured 0 is present").isTrue();
    assertThat(regimen.getSupplementalFraction()).isEqualTo(0.0);
    assertThat(regimen.hasSupplementalEarliestMinutes()).isTrue();
    assertThat(regimen.getSupplementalEarliestMinutes()).isEqualTo(0);
    assertThat(regimen.hasMaxMgHclPerSession()).isTrue();
    assertThat(regimen.getMaxMgHclPerSession()).isEqualTo(180.0);
    var visits = protocol.getVisitTemplate();
    assertThat(visits.hasPreparationSessions()).isTrue();
    assertThat(visits.getPreparationSessions()).isEqualTo(0);
    assertThat(visits.hasFollowUpContactsPerExperimental()).isTrue();
    assertThat(visits.getFollowUpContactsPerExperimental()).isEqualTo(0);
    assertThat(visits.hasExperimentalWindowDays()).isTrue();
    assertThat(protocol.getSitesList())
        .extracting(s -> s.getCode() + "=" + s.getTimeZone())
        .containsExactly("US-BOS-02=America/New_York", "US-SF-01=America/Los_Angeles");

    // Settings a stored document lacks (e.g. written before they existed) and a site without a
    // time zone (a trial created before sites had one) are served absent, never defaulted.
    VertxContextSupport.subscribeAndAwait(
        () ->
            Panache.withTransaction(
                () ->
                    Trial.<Trial>findById(trial)
                        .invoke(
                            t -> {
                              t.regimen = without(t.regimen, "maxMgHclPerSession", "kind");
                              t.visitTemplate = without(t.visitTemplate, "experimentalWindowDays");
                            })
                        .chain(
                            () ->
                                TrialSite.update(
                                    "timeZone = null where trialId = ?1 and code = ?2",
                                    trial,
                                    "US-BOS-02"))));
    var stored = protocol(trial);
    assertThat(stored.getRegimen().hasMaxMgHclPerSession()).isFalse();
    assertThat(stored.getRegimen().getKind()).isEqualTo(RegimenKind.REGIMEN_KIND_UNSPECIFIED);
    assertThat(stored.getRegimen().hasSupplementalFraction()).isTrue();
    assertThat(stored.getRegimen().getSupplementalFraction()).isEqualTo(0.0);
    assertThat(stored.getRegimen().getSupplementalLatestMinutes()).isEqualTo(120);
    assertThat(stored.getVisitTemplate().hasExperimentalWindowDays()).isFalse();
    assertThat(stored.getVisitTemplate().hasPreparationSessions()).isTrue();
    assertThat(stored.getVisitTemplate().getExperimentalIntervalDays()).isEqualTo(28);
    var bos = stored.getSites(0);
    assertThat(bos.getCode()).isEqualTo("US-BOS-02");
    assertThat(bos.hasTimeZone()).isFalse();
    assertThat(stored.getSites(1).getTimeZone()).isEqualTo("America/Los_Angeles");
    assertThat(stored.getSiteCodesList()).containsExactly("US-BOS-02", "US-SF-01");

    // The sponsor sets the missing zone: served from then on.
    as("sponsor.maps")
        .body(Map.of("timeZone", "America/New_York", "reason", "zone was never set"))
        .put("/api/recruitment/trials/{id}/sites/{code}/time-zone", trial, "US-BOS-02")
        .then()
        .statusCode(200);
    assertThat(protocol(trial).getSites(0).getTimeZone()).isEqualTo("America/New_York");
  }

  @Test
  void getParticipantGivesSexAndChildbearingPotentialOnlyWhenRecorded() throws Throwable {
    var trial = Api.recruitingTrial();
    var recorded = randomized(trial);
    var record = participant(recorded);
    assertThat(record.getSex()).isEqualTo(Sex.FEMALE);
    assertThat(record.hasChildbearingPotential()).isTrue();
    assertThat(record.getChildbearingPotential()).isFalse();

    var body = Api.candidate(trial, "US-SF-01");
    body.put("sex", "INTERSEX");
    body.put("childbearingPotential", true);
    String other =
        as("coordinator.sf")
            .body(body)
            .post("/api/recruitment/participants")
            .then()
            .statusCode(201)
            .extract()
            .path("code");
    assertThat(participant(other).getSex()).isEqualTo(Sex.INTERSEX);
    assertThat(participant(other).getChildbearingPotential()).isTrue();

    // A participant registered before these were recorded: nothing is assumed.
    VertxContextSupport.subscribeAndAwait(
        () ->
            Panache.withTransaction(
                () ->
                    Participant.update(
                        "sex = null, childbearingPotential = null where code = ?1", other)));
    var unrecorded = participant(other);
    assertThat(unrecorded.getFound()).isTrue();
    assertThat(unrecorded.getSex()).isEqualTo(Sex.SEX_UNSPECIFIED);
    assertThat(unrecorded.hasChildbearingPotential()).isFalse();
    as("coordinator.sf")
        .get("/api/recruitment/participants/{c}", other)
        .then()
        .statusCode(200)
        .body("sex", nullValue())
        .body("childbearingPotential", nullValue());
  }

  private TrialProtocol protocol(String trial) {
    return directory
        .getTrialProtocol(TrialRequest.newBuilder().setTrialId(trial).build())
        .await()
        .atMost(WAIT);
  }

  private ParticipantRecord participant(String code) {
    return directory
        .getParticipant(ParticipantRequest.newBuilder().setParticipantCode(code).build())
        .await()
        .atMost(WAIT);
  }

  private static String without(String document, String... fields) {
    try {
      var tree = (ObjectNode) JSON.readTree(document);
      tree.remove(List.of(fields));
      return JSON.writeValueAsString(tree);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void getAllocationsDisclosesArmsOnlyByTheRuleAndAuditsEachDisclosure() throws Exception {
    var trial = Api.recruitingTrial();
    var code = randomized(trial);

    // A rater's own (verified) token: a blinded role, so nothing.
    var refused =
        calledBy("safety-service", "rater.sf")
            .getAllocations(allocationsOf(trial))
            .await()
            .atMost(WAIT);
    assertThat(refused.getDisclosed()).isFalse();
    assertThat(refused.getAllocationsList()).isEmpty();

    var toDsmb =
        calledBy("outcomes-service", "dsmb.chair")
            .getAllocations(allocationsOf(trial))
            .await()
            .atMost(WAIT);
    assertThat(toDsmb.getDisclosed()).isTrue();
    assertThat(toDsmb.getAllocationsList()).hasSize(1);
    var allocation = toDsmb.getAllocations(0);
    assertThat(allocation.getParticipantCode()).isEqualTo(code);
    assertThat(allocation.getSiteCode()).isEqualTo("US-SF-01");
    assertThat(allocation.getKitCode()).startsWith("K-");
    assertThat(allocation.getArm()).isIn("MDMA", "PLACEBO");

    // The audit names the verified person and the verified calling service.
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
        .body("items[0].after.role", equalTo("dsmb"))
        .body("items[0].after.via", equalTo("outcomes-service"));

    Api.unblind(trial);
    var afterUnblinding =
        calledBy("safety-service", "investigator.sf")
            .getAllocations(allocationsOf(trial))
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

    as("regulator.fda")
        .queryParam("entityType", "Allocations")
        .queryParam("entityId", trial)
        .when()
        .get("/api/recruitment/audit")
        .then()
        .body("items.actor", equalTo(List.of("dsmb.chair", "investigator.sf")));
  }

  @Test
  void theDisclosuresAuditEntryCarriesTheCallingRequestsCorrelationId() throws Exception {
    var trial = Api.recruitingTrial();
    randomized(trial);
    // As ServiceCalls sends it: the correlation id of the request the caller is serving.
    var headers = new Metadata();
    headers.put(
        ServiceCalls.AUTHORIZATION,
        "Bearer " + KeycloakServer.shared().serviceToken("outcomes-service"));
    headers.put(
        ServiceCalls.ON_BEHALF_OF, KeycloakServer.shared().accessToken("dsmb.chair", "demo"));
    headers.put(ServiceCalls.CORRELATION, "cid-directory-" + trial);
    var disclosed =
        GrpcClientUtils.attachHeaders(unauthenticated, headers)
            .getAllocations(allocationsOf(trial))
            .await()
            .atMost(WAIT);
    assertThat(disclosed.getDisclosed()).isTrue();

    as("regulator.fda")
        .queryParam("entityType", "Allocations")
        .queryParam("entityId", trial)
        .when()
        .get("/api/recruitment/audit")
        .then()
        .statusCode(200)
        .body("items", hasSize(1))
        .body("items[0].correlationId", equalTo("cid-directory-" + trial));

    // A call without one gets an id of its own, not the previous call's.
    calledBy("outcomes-service", "dsmb.chair")
        .getAllocations(allocationsOf(trial))
        .await()
        .atMost(WAIT);
    as("regulator.fda")
        .queryParam("entityType", "Allocations")
        .queryParam("entityId", trial)
        .when()
        .get("/api/recruitment/audit")
        .then()
        .body("items", hasSize(2))
        .body(
            "items[1].correlationId", org.hamcrest.Matchers.not(equalTo("cid-directory-" + trial)))
        .body("items[1].correlationId", org.hamcrest.Matchers.notNullValue());
  }

  @Test
  void nothingIsAnsweredWithoutTheCallingServicesOwnToken() {
    var trial = Api.recruitingTrial();
    var code = randomized(trial);
    var participant = ParticipantRequest.newBuilder().setParticipantCode(code).build();
    var protocol = TrialRequest.newBuilder().setTrialId(trial).build();

    // No token at all.
    assertThat(refusal(() -> unauthenticated.getParticipant(participant).await().atMost(WAIT)))
        .isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(refusal(() -> unauthenticated.getTrialProtocol(protocol).await().atMost(WAIT)))
        .isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(
            refusal(
                () -> unauthenticated.getAllocations(allocationsOf(trial)).await().atMost(WAIT)))
        .isEqualTo(Status.Code.UNAUTHENTICATED);

    // A token that is not Keycloak's.
    var forged = new Metadata();
    forged.put(ServiceCalls.AUTHORIZATION, "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.");
    assertThat(
            refusal(
                () ->
                    GrpcClientUtils.attachHeaders(unauthenticated, forged)
                        .getAllocations(allocationsOf(trial))
                        .await()
                        .atMost(WAIT)))
        .isEqualTo(Status.Code.UNAUTHENTICATED);

    // A person's own token, even of an unblinded role: people do not call gRPC.
    var person = new Metadata();
    person.put(
        ServiceCalls.AUTHORIZATION,
        "Bearer " + KeycloakServer.shared().accessToken("dsmb.chair", "demo"));
    var asPerson = GrpcClientUtils.attachHeaders(unauthenticated, person);
    assertThat(refusal(() -> asPerson.getAllocations(allocationsOf(trial)).await().atMost(WAIT)))
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(refusal(() -> asPerson.getParticipant(participant).await().atMost(WAIT)))
        .isEqualTo(Status.Code.PERMISSION_DENIED);

    // Another service's token on a method it may not call.
    assertThat(
            refusal(
                () ->
                    calledBy("session-service", "dsmb.chair")
                        .getAllocations(allocationsOf(trial))
                        .await()
                        .atMost(WAIT)))
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    // GetParticipant answers session-, safety- and outcomes-service; not this service itself.
    assertThat(
            refusal(
                () ->
                    calledBy("recruitment-service", null)
                        .getParticipant(participant)
                        .await()
                        .atMost(WAIT)))
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    // outcomes-service asks before a screening CAPS-5 whether the candidate consented.
    assertThat(
            calledBy("outcomes-service", null)
                .getParticipant(participant)
                .await()
                .atMost(WAIT)
                .getStatus())
        .isEqualTo(ParticipantStatus.RANDOMIZED);

    // The right service, but nobody verified to decide on: the arms need a person's token.
    assertThat(refusal(() -> directory.getAllocations(allocationsOf(trial)).await().atMost(WAIT)))
        .isEqualTo(Status.Code.UNAUTHENTICATED);
    var notAToken = new Metadata();
    notAToken.put(
        ServiceCalls.AUTHORIZATION,
        "Bearer " + KeycloakServer.shared().serviceToken("safety-service"));
    notAToken.put(ServiceCalls.ON_BEHALF_OF, "dsmb.chair");
    assertThat(
            refusal(
                () ->
                    GrpcClientUtils.attachHeaders(unauthenticated, notAToken)
                        .getAllocations(allocationsOf(trial))
                        .await()
                        .atMost(WAIT)))
        .isEqualTo(Status.Code.UNAUTHENTICATED);

    // Nothing was disclosed to anyone, so nothing is in the audit trail.
    as("regulator.fda")
        .queryParam("entityType", "Allocations")
        .queryParam("entityId", trial)
        .when()
        .get("/api/recruitment/audit")
        .then()
        .statusCode(200)
        .body("items", hasSize(0));
  }
}

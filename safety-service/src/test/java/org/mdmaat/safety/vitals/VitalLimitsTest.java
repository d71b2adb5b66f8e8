package org.mdmaat.safety.vitals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.mdmaat.safety.testing.Api.BOS;
import static org.mdmaat.safety.testing.Api.SF;
import static org.mdmaat.safety.testing.Api.as;
import static org.mdmaat.safety.testing.Api.signing;

import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mdmaat.contracts.grpc.safety.DosingClearance;
import org.mdmaat.contracts.grpc.safety.DosingClearanceRequest;
import org.mdmaat.contracts.grpc.safety.PreDoseVitals;
import org.mdmaat.contracts.grpc.safety.SafetyGate;
import org.mdmaat.contracts.grpc.safety.VitalsLevel;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.safety.hold.SelfServedPort;
import org.mdmaat.safety.testing.Api;
import org.mdmaat.safety.testing.CallingAs;
import org.mdmaat.safety.testing.ScriptedParticipantDirectory;

/**
 * Issue 16 items 1 and 2 in safety-service: who sets the limits (the sponsor, signed, for the
 * trial; an investigator, stricter only, for their site), hard bounds, lower limits, holds that
 * come back while a critical episode lasts, the current vitals level on the gate, and pre-dose
 * vitals stored from session-service.
 */
@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "safety"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedPort.class)
class VitalLimitsTest {
  private static final ZoneOffset SITE = ZoneOffset.ofHours(-7);

  @GrpcClient("safety-gate")
  SafetyGate anyCaller;

  SafetyGate gate;

  @BeforeEach
  void asSessionService() {
    gate = CallingAs.service(anyCaller, "session-service");
  }

  @AfterEach
  void directoryAnswersAgain() {
    ScriptedParticipantDirectory.reset();
  }

  /** A full, plausible set of limits (stricter than the defaults on systolic). */
  private static Map<String, Object> limits() {
    var l = new HashMap<String, Object>();
    l.put("systolicWarn", 150);
    l.put("systolicCritical", 170);
    l.put("systolicLowWarn", 95);
    l.put("systolicLowCritical", 85);
    l.put("diastolicWarn", 100);
    l.put("diastolicCritical", 115);
    l.put("diastolicLowWarn", 55);
    l.put("diastolicLowCritical", 45);
    l.put("heartRateWarn", 110);
    l.put("heartRateCritical", 140);
    l.put("heartRateLowWarn", 50);
    l.put("heartRateLowCritical", 40);
    l.put("temperatureWarn", 37.8);
    l.put("temperatureCritical", 38.8);
    l.put("temperatureLowWarn", 35.5);
    l.put("temperatureLowCritical", 35.0);
    l.put("spo2Warn", 93);
    l.put("spo2Critical", 89);
    return l;
  }

  private static Map<String, Object> trialRequest(Map<String, Object> limits, String reason) {
    return Map.of("limits", limits, "reason", reason, "signature", Map.of("meaning", "APPROVAL"));
  }

  private static Map<String, Object> reading(OffsetDateTime at, int systolic) {
    var r = new HashMap<String, Object>();
    r.put("measuredAt", at.toString());
    r.put("systolic", systolic);
    r.put("diastolic", 80);
    r.put("heartRate", 80);
    r.put("temperatureC", 36.8);
    r.put("spo2", 98);
    r.put("sourceKind", "DEVICE");
    r.put("sourceId", "monitor-1");
    return r;
  }

  private static OffsetDateTime minutesAgo(long minutes) {
    return OffsetDateTime.now(SITE).minusMinutes(minutes).truncatedTo(ChronoUnit.SECONDS);
  }

  private static io.restassured.response.ValidatableResponse post(
      String user, String participant, OffsetDateTime at, int systolic) {
    return as(user)
        .body(
            Map.of(
                "sessionId",
                "S-" + participant,
                "participantCode",
                participant,
                "readings",
                List.of(reading(at, systolic))))
        .when()
        .post("/api/safety/vitals/batch")
        .then()
        .statusCode(201);
  }

  private DosingClearance clearance(String participant) {
    return gate.checkDosingClearance(
            DosingClearanceRequest.newBuilder().setParticipantCode(participant).build())
        .await()
        .atMost(Duration.ofSeconds(10));
  }

  private static List<String> activeHolds(String participant, String site) {
    return as("investigator." + (SF.equals(site) ? "sf" : "bos"))
        .queryParam("siteCode", site)
        .queryParam("participantCode", participant)
        .when()
        .get("/api/safety/holds")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items.findAll { it.active }.id");
  }

  @Test
  void theSponsorSetsTheTrialsLimitsSignedWithAReasonAndTheyApply() {
    var participant = Api.participantAt(SF);
    var trial = Api.trialOf(participant);

    // Before: the configured defaults stand in, and the answer says so, limit by limit.
    as("investigator.sf")
        .when()
        .get("/api/safety/trials/{t}/vital-thresholds", trial)
        .then()
        .statusCode(200)
        .body("trialDefault", equalTo(true))
        .body("defaulted", hasSize(Limit.values().length))
        .body("limits.systolicWarn", equalTo(160))
        .body("limits.systolicLowWarn", equalTo(90))
        .body("limits.temperatureLowCritical", equalTo(35.0f))
        .body("version", equalTo(0));

    signing("sponsor.maps")
        .body(trialRequest(limits(), "protocol amendment 3"))
        .when()
        .put("/api/safety/trials/{t}/vital-thresholds", trial)
        .then()
        .statusCode(200)
        .body("trialDefault", equalTo(false))
        .body("defaulted", hasSize(0))
        .body("limits.systolicWarn", equalTo(150))
        .body("limits.systolicLowWarn", equalTo(95))
        .body("version", equalTo(1))
        .body("reason", equalTo("protocol amendment 3"))
        .body("updatedBy", equalTo("sponsor.maps"))
        .body("signature.signerUsername", equalTo("sponsor.maps"))
        .body("signature.meaning", equalTo("APPROVAL"))
        .body("signature.recordType", equalTo("VitalThresholds"))
        .body("signature.recordId", equalTo(trial + "/1"))
        .body("signature.contentHash", notNullValue());

    // A reading at 152 now warns (the default 160 would not have).
    post("therapist.sf1", participant, minutesAgo(2), 152)
        .body("alerts", hasSize(1))
        .body("alerts[0].level", equalTo("WARN"));

    as("regulator.fda")
        .queryParam("entityType", "VitalThresholds")
        .queryParam("entityId", trial)
        .when()
        .get("/api/safety/audit")
        .then()
        .statusCode(200)
        .body("items", hasSize(1))
        .body("items[0].reason", equalTo("protocol amendment 3"))
        .body("items[0].before.trialDefault", equalTo(true))
        .body("items[0].after.limits.systolicWarn", equalTo(150))
        .body("items[0].after.signature.signerUsername", equalTo("sponsor.maps"));

    // A second setting is version 2; the history keeps both, newest first.
    var changed = limits();
    changed.put("systolicWarn", 155);
    signing("sponsor.maps")
        .body(trialRequest(changed, "DSMB recommendation"))
        .when()
        .put("/api/safety/trials/{t}/vital-thresholds", trial)
        .then()
        .statusCode(200)
        .body("version", equalTo(2))
        .body("signature.recordId", equalTo(trial + "/2"));
    as("sponsor.maps")
        .when()
        .get("/api/safety/trials/{t}/vital-thresholds/history", trial)
        .then()
        .statusCode(200)
        .body("total", equalTo(2))
        .body("items[0].version", equalTo(2))
        .body("items[0].limits.systolicWarn", equalTo(155))
        .body("items[0].reason", equalTo("DSMB recommendation"))
        .body("items[1].limits.systolicWarn", equalTo(150))
        .body("items[1].signature.meaning", equalTo("APPROVAL"))
        .body("items[0].siteCode", nullValue());
  }

  @Test
  void onlyTheTrialsSponsorSetsTrialWideLimitsAndOnlyPlausibleCompleteOnes() {
    var participant = Api.participantAt(SF);
    var trial = Api.trialOf(participant);

    // An investigator (even a freshly logged-in one at a site of the trial) may not: 403.
    signing("investigator.sf")
        .body(trialRequest(limits(), "raise for everyone"))
        .when()
        .put("/api/safety/trials/{t}/vital-thresholds", trial)
        .then()
        .statusCode(403);
    // Another sponsor's trial answers as a missing one.
    signing("sponsor.northstar")
        .body(trialRequest(limits(), "not mine"))
        .when()
        .put("/api/safety/trials/{t}/vital-thresholds", trial)
        .then()
        .statusCode(404)
        .body("code", equalTo("SAF-0404-TRIAL"));
    // A password-grant token cannot sign.
    as("sponsor.maps")
        .body(trialRequest(limits(), "unsigned"))
        .when()
        .put("/api/safety/trials/{t}/vital-thresholds", trial)
        .then()
        .statusCode(401)
        .body("code", equalTo("PLATFORM-0401-REAUTHENTICATE"));
    // No signature or no reason: 400.
    as("sponsor.maps")
        .body(Map.of("limits", limits(), "reason", "no signature"))
        .when()
        .put("/api/safety/trials/{t}/vital-thresholds", trial)
        .then()
        .statusCode(400);

    // Implausible limits (the old 300 mmHg, 43 °C) are refused by name.
    var implausible = limits();
    implausible.put("systolicCritical", 300);
    implausible.put("temperatureCritical", 43.0);
    implausible.put("heartRateLowCritical", 0);
    signing("sponsor.maps")
        .body(trialRequest(implausible, "typo"))
        .when()
        .put("/api/safety/trials/{t}/vital-thresholds", trial)
        .then()
        .statusCode(422)
        .body("code", equalTo("SAF-0422-LIMIT-IMPLAUSIBLE"))
        .body("violations.field", hasItem("limits.systolicCritical"))
        .body("violations.field", hasItem("limits.temperatureCritical"))
        .body("violations.field", hasItem("limits.heartRateLowCritical"))
        .body("detail", containsString("systolicCritical"));
    // A limit missing (no defaults filled in) or a critical inside its warn: 422 naming it.
    var incomplete = limits();
    incomplete.remove("heartRateLowWarn");
    incomplete.put("systolicLowCritical", 99);
    signing("sponsor.maps")
        .body(trialRequest(incomplete, "half set"))
        .when()
        .put("/api/safety/trials/{t}/vital-thresholds", trial)
        .then()
        .statusCode(422)
        .body("code", equalTo("SAF-0422-LIMITS"))
        .body("violations.field", hasItem("limits.heartRateLowWarn"))
        .body("violations.field", hasItem("limits.systolicLowCritical"));

    // Nothing of it was stored.
    as("investigator.sf")
        .when()
        .get("/api/safety/trials/{t}/vital-thresholds", trial)
        .then()
        .statusCode(200)
        .body("trialDefault", equalTo(true));
    as("sponsor.maps")
        .when()
        .get("/api/safety/trials/{t}/vital-thresholds/history", trial)
        .then()
        .statusCode(200)
        .body("total", equalTo(0));
  }

  @Test
  void aSiteMayMakeTheLimitsStricterForItselfButNeverLooser() {
    var trial = Api.code("T");
    var atSf = ScriptedParticipantDirectory.enrol(Api.code("P"), trial, SF);
    var atBos = ScriptedParticipantDirectory.enrol(Api.code("P"), trial, BOS);
    signing("sponsor.maps")
        .body(trialRequest(limits(), "initial limits"))
        .when()
        .put("/api/safety/trials/{t}/vital-thresholds", trial)
        .then()
        .statusCode(200);

    // Looser than the trial's: refused, naming the limit.
    as("investigator.sf")
        .body(
            Map.of(
                "limits",
                Map.of("systolicCritical", 180, "heartRateLowWarn", 45),
                "reason",
                "our patients run high"))
        .when()
        .put("/api/safety/trials/{t}/sites/{s}/vital-thresholds", trial, SF)
        .then()
        .statusCode(422)
        .body("code", equalTo("SAF-0422-LIMIT-LOOSER"))
        .body("violations.field", hasItem("limits.systolicCritical"))
        .body("violations.field", hasItem("limits.heartRateLowWarn"))
        .body("detail", containsString("systolicCritical"));
    // Only an investigator of that site; a therapist not at all.
    as("investigator.bos")
        .body(Map.of("limits", Map.of("systolicCritical", 160), "reason", "not my site"))
        .when()
        .put("/api/safety/trials/{t}/sites/{s}/vital-thresholds", trial, SF)
        .then()
        .statusCode(404);
    as("therapist.sf1")
        .body(Map.of("limits", Map.of("systolicCritical", 160), "reason", "therapist"))
        .when()
        .put("/api/safety/trials/{t}/sites/{s}/vital-thresholds", trial, SF)
        .then()
        .statusCode(403);
    // Implausible even if stricter.
    as("investigator.sf")
        .body(Map.of("limits", Map.of("systolicWarn", 100), "reason", "typo"))
        .when()
        .put("/api/safety/trials/{t}/sites/{s}/vital-thresholds", trial, SF)
        .then()
        .statusCode(422)
        .body("code", equalTo("SAF-0422-LIMIT-IMPLAUSIBLE"))
        .body("violations.field", hasItem("limits.systolicWarn"));

    // Stricter: accepted, for SF only.
    as("investigator.sf")
        .body(
            Map.of(
                "limits",
                Map.of("systolicWarn", 140, "systolicCritical", 160),
                "reason",
                "site cardiologist's advice"))
        .when()
        .put("/api/safety/trials/{t}/sites/{s}/vital-thresholds", trial, SF)
        .then()
        .statusCode(200)
        .body("override.systolicCritical", equalTo(160))
        .body("override.diastolicWarn", nullValue())
        .body("inForce.limits.systolicCritical", equalTo(160))
        .body("inForce.limits.diastolicWarn", equalTo(100))
        .body("inForce.siteStricter", hasItem("systolicCritical"));

    // 162 is critical at SF (a hold), only a warning at BOS (trial-wide 170).
    post("therapist.sf1", atSf, minutesAgo(2), 162).body("alerts[0].level", equalTo("CRITICAL"));
    assertThat(clearance(atSf).getCleared()).isFalse();
    post("therapist.bos1", atBos, minutesAgo(2), 162).body("alerts[0].level", equalTo("WARN"));
    assertThat(clearance(atBos).getCleared()).isTrue();
    as("investigator.bos")
        .when()
        .get("/api/safety/trials/{t}/sites/{s}/vital-thresholds", trial, BOS)
        .then()
        .statusCode(200)
        .body("override", nullValue())
        .body("inForce.limits.systolicCritical", equalTo(170));

    // Audited and in the history; BOS's investigator sees the trial's changes, not SF's.
    as("regulator.fda")
        .queryParam("entityType", "SiteVitalThresholds")
        .queryParam("entityId", trial + "/" + SF)
        .when()
        .get("/api/safety/audit")
        .then()
        .statusCode(200)
        .body("items", hasSize(1))
        .body("items[0].actor", equalTo("investigator.sf"))
        .body("items[0].reason", equalTo("site cardiologist's advice"));
    as("investigator.sf")
        .when()
        .get("/api/safety/trials/{t}/vital-thresholds/history", trial)
        .then()
        .statusCode(200)
        .body("total", equalTo(2))
        .body("items[0].siteCode", equalTo(SF));
    as("investigator.bos")
        .when()
        .get("/api/safety/trials/{t}/vital-thresholds/history", trial)
        .then()
        .statusCode(200)
        .body("total", equalTo(1));
  }

  @Test
  void aReadingBelowALowerLimitRaisesAnAlertAndHoldsDosing() {
    var participant = Api.participantAt(SF);
    post("therapist.sf1", participant, minutesAgo(10), 88) // default low warn 90
        .body("alerts", hasSize(1))
        .body("alerts[0].vital", equalTo("SYSTOLIC"))
        .body("alerts[0].level", equalTo("WARN"));
    assertThat(clearance(participant).getCleared()).isTrue();
    assertThat(clearance(participant).getVitalsLevel()).isEqualTo(VitalsLevel.VITALS_WARN);
    assertThat(clearance(participant).getVitalsFindingsList())
        .singleElement()
        .asString()
        .startsWith("WARN SYSTOLIC 88 (low)");

    post("therapist.sf1", participant, minutesAgo(5), 76) // default low critical 80
        .body("alerts[0].level", equalTo("CRITICAL"))
        .body("alerts[0].summary", containsString("(low)"));
    var clearance = clearance(participant);
    assertThat(clearance.getCleared()).isFalse();
    assertThat(clearance.getVitalsLevel()).isEqualTo(VitalsLevel.VITALS_CRITICAL);
    assertThat(activeHolds(participant, SF)).hasSize(1);
  }

  @Test
  void aCriticalEpisodeContinuingAfterItsHoldWasLiftedHoldsAgain() {
    var participant = Api.participantAt(SF);
    post("therapist.sf1", participant, minutesAgo(30), 185);
    var first = activeHolds(participant, SF);
    assertThat(first).hasSize(1);

    signing("investigator.sf")
        .body(Map.of("reason", "treated", "signature", Map.of("meaning", "RESPONSIBILITY")))
        .when()
        .post("/api/safety/holds/{id}/lift", first.get(0))
        .then()
        .statusCode(200);
    assertThat(clearance(participant).getCleared()).isTrue();
    // The episode is still critical: the gate says so even while no hold is active.
    assertThat(clearance(participant).getVitalsLevel()).isEqualTo(VitalsLevel.VITALS_CRITICAL);

    // The next critical reading of the same episode: no new alert, but a new hold.
    post("therapist.sf1", participant, minutesAgo(20), 183).body("alerts", hasSize(0));
    var second = activeHolds(participant, SF);
    assertThat(second).hasSize(1).doesNotContain(first.get(0));
    assertThat(clearance(participant).getCleared()).isFalse();
    as("investigator.sf")
        .when()
        .get("/api/safety/holds/{id}", second.get(0))
        .then()
        .statusCode(200)
        .body("cause", equalTo("CRITICAL_VITALS"))
        .body("reason", containsString("critical episode continuing since"));

    // While that hold is active, more critical readings place no further hold.
    post("therapist.sf1", participant, minutesAgo(15), 186);
    assertThat(activeHolds(participant, SF)).containsExactlyElementsOf(second);
  }

  @Test
  void preDoseVitalsFromSessionServiceAreStoredOnceAsReadingsOfTheSession() {
    var participant = Api.participantAt(SF);
    var trial = Api.trialOf(participant);
    var readingId = UUID.randomUUID().toString();
    var request =
        PreDoseVitals.newBuilder()
            .setReadingId(readingId)
            .setParticipantCode(participant)
            .setTrialId(trial)
            .setSiteCode(SF)
            .setSessionId("S-" + participant)
            .setMeasuredAt(minutesAgo(3).toString())
            .setCheckedBy("therapist.sf2")
            .setSystolic(128)
            .setDiastolic(82)
            .setHeartRate(76)
            .setTemperatureC(36.7)
            .build();
    var stored = gate.recordPreDoseVitals(request).await().atMost(Duration.ofSeconds(10));
    assertThat(stored.getStored()).isTrue();
    assertThat(stored.getAlertsList()).isEmpty();
    // Sent again (a dose refused and tried again): stored once.
    assertThat(gate.recordPreDoseVitals(request).await().atMost(Duration.ofSeconds(10)).getStored())
        .isFalse();

    as("investigator.sf")
        .queryParam("siteCode", SF)
        .queryParam("participantCode", participant)
        .when()
        .get("/api/safety/vitals")
        .then()
        .statusCode(200)
        .body("total", equalTo(1))
        .body("items[0].id", equalTo(readingId))
        .body("items[0].systolic", equalTo(128))
        .body("items[0].spo2", nullValue())
        .body("items[0].sessionId", equalTo("S-" + participant))
        .body("items[0].sourceKind", equalTo("STAFF"))
        .body("items[0].recordedBy", equalTo("therapist.sf2"));
    assertThat(clearance(participant).getVitalsLevel()).isEqualTo(VitalsLevel.VITALS_IN_RANGE);

    // A critical pre-dose reading follows the normal rules: an alert and a hold.
    var low =
        request.toBuilder()
            .setReadingId(UUID.randomUUID().toString())
            .setMeasuredAt(minutesAgo(1).toString())
            .setSystolic(72)
            .build();
    var critical = gate.recordPreDoseVitals(low).await().atMost(Duration.ofSeconds(10));
    assertThat(critical.getAlertsList())
        .singleElement()
        .asString()
        .contains("CRITICAL SYSTOLIC 72");
    assertThat(clearance(participant).getCleared()).isFalse();

    // A trial or site other than the participant's, or the directory down: not stored, an error.
    assertThatThrownBy(
            () ->
                gate.recordPreDoseVitals(
                        request.toBuilder()
                            .setReadingId(UUID.randomUUID().toString())
                            .setSiteCode(BOS)
                            .build())
                    .await()
                    .atMost(Duration.ofSeconds(10)))
        .hasMessageContaining("FAILED_PRECONDITION");
    ScriptedParticipantDirectory.unavailable = true;
    assertThatThrownBy(
            () ->
                gate.recordPreDoseVitals(
                        request.toBuilder().setReadingId(UUID.randomUUID().toString()).build())
                    .await()
                    .atMost(Duration.ofSeconds(10)))
        .hasMessageContaining("FAILED_PRECONDITION");
    ScriptedParticipantDirectory.reset();
    // Another service's token is refused.
    assertThatThrownBy(
            () ->
                CallingAs.service(anyCaller, "outcomes-service")
                    .recordPreDoseVitals(request)
                    .await()
                    .atMost(Duration.ofSeconds(10)))
        .hasMessageContaining("PERMISSION_DENIED");
    as("investigator.sf")
        .queryParam("siteCode", SF)
        .queryParam("participantCode", participant)
        .when()
        .get("/api/safety/vitals")
        .then()
        .body("total", equalTo(2));
  }
}

package org.mdmaat.safety.stopping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.mdmaat.safety.testing.Api.SF;
import static org.mdmaat.safety.testing.Api.as;

import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mdmaat.contracts.grpc.safety.DosingClearance;
import org.mdmaat.contracts.grpc.safety.DosingClearanceRequest;
import org.mdmaat.contracts.grpc.safety.SafetyGate;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.safety.hold.SelfServedPort;
import org.mdmaat.safety.testing.Api;
import org.mdmaat.safety.testing.CallingAs;
import org.mdmaat.safety.testing.ScriptedParticipantDirectory;

/** Stopping rules: evaluated when defined, counted by arm for the DSMB, suspending dosing. */
@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "safety"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedPort.class)
class StoppingRuleTest {
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

  static ValidatableResponse define(
      String user, String trial, String name, int limit, String countBy, List<String> suspends) {
    var body = new HashMap<String, Object>();
    body.put("name", name);
    body.put("relatedSeriousEvents", limit);
    body.put("countBy", countBy);
    body.put("suspends", suspends);
    body.put("reason", "DSMB charter");
    return as(user).body(body).when().post("/api/safety/trials/{t}/stopping-rules", trial).then();
  }

  static Map<String, Object> event(List<String> seriousness, String relatedness) {
    var e = new HashMap<String, Object>();
    e.put("term", "hyperthermia");
    e.put("categories", List.of("THERMOREGULATORY"));
    e.put("onset", OffsetDateTime.now(ZoneOffset.UTC).minusHours(3).toString());
    e.put("awareness", OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString());
    e.put("grade", 3);
    e.put("seriousness", seriousness);
    e.put("relatedness", relatedness);
    e.put("expected", false);
    e.put("outcome", "RECOVERED");
    return e;
  }

  static Map<String, Object> seriousReport(String participant) {
    return Map.of(
        "participantCode", participant, "event", event(List.of("HOSPITALIZATION"), "PROBABLE"));
  }

  static void serious(String participant) {
    as("investigator.sf")
        .body(seriousReport(participant))
        .when()
        .post("/api/safety/adverse-events")
        .then()
        .statusCode(201);
  }

  private DosingClearance clearance(String participant) {
    return gate.checkDosingClearance(
            DosingClearanceRequest.newBuilder().setParticipantCode(participant).build())
        .await()
        .atMost(Duration.ofSeconds(10));
  }

  @Test
  void aRuleIsEvaluatedWhenDefinedAgainstTheEventsAlreadyThere() {
    var trial = Api.code("T");
    var first = ScriptedParticipantDirectory.enrol(Api.code("P"), trial, SF);
    var second = ScriptedParticipantDirectory.enrol(Api.code("P"), trial, SF);
    serious(first);
    serious(second);
    define("sponsor.maps", trial, "three", 3, "TRIAL", List.of("ENROLLMENT"))
        .statusCode(201)
        .body("fired", equalTo(false));
    define("sponsor.maps", trial, "two", 2, "TRIAL", List.of("ENROLLMENT"))
        .statusCode(201)
        .body("fired", equalTo(true))
        .body("firedCount", equalTo(2));
  }

  @Test
  void onlyTheDsmbCountsByArmAndOnlyTheDsmbSeesTheArmThatFired() {
    var trial = Api.code("T");
    var mdma1 = ScriptedParticipantDirectory.enrol(Api.code("P"), trial, SF);
    var mdma2 = ScriptedParticipantDirectory.enrol(Api.code("P"), trial, SF);
    var placebo = ScriptedParticipantDirectory.enrol(Api.code("P"), trial, SF);
    ScriptedParticipantDirectory.allocate(trial, mdma1, SF, "MDMA");
    ScriptedParticipantDirectory.allocate(trial, mdma2, SF, "MDMA");
    ScriptedParticipantDirectory.allocate(trial, placebo, SF, "PLACEBO");

    define("sponsor.maps", trial, "by-arm", 2, "ARM", List.of("ENROLLMENT"))
        .statusCode(403)
        .body("code", equalTo("SAF-0403-ARM-RULE"));
    define("dsmb.chair", trial, "by-arm", 2, "ARM", List.of("ENROLLMENT"))
        .statusCode(201)
        .body("countBy", equalTo("ARM"))
        .body("fired", equalTo(false));

    // One in each arm: the trial counts 2, but no arm does.
    serious(mdma1);
    serious(placebo);
    as("dsmb.chair")
        .when()
        .get("/api/safety/trials/{t}/stopping-rules", trial)
        .then()
        .body("items[0].fired", equalTo(false));

    serious(mdma2);
    as("dsmb.chair")
        .when()
        .get("/api/safety/trials/{t}/stopping-rules", trial)
        .then()
        .body("items[0].fired", equalTo(true))
        .body("items[0].firedCount", equalTo(2))
        .body("items[0].firedArm", equalTo("MDMA"));
    as("sponsor.maps")
        .when()
        .get("/api/safety/trials/{t}/stopping-rules", trial)
        .then()
        .body("items[0].fired", equalTo(true))
        .body("items[0].firedArm", nullValue());
    var audit =
        as("regulator.fda")
            .queryParam("entityType", "StoppingRule")
            .when()
            .get("/api/safety/audit")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(audit).doesNotContain("\"firedArm\":\"MDMA\"");
  }

  @Test
  void anEventOfAParticipantWithNoKnownArmCountsInEveryArmUntilTheDsmbRefreshesTheArms() {
    var trial = Api.code("T");
    var mdma = ScriptedParticipantDirectory.enrol(Api.code("P"), trial, SF);
    var placebo = ScriptedParticipantDirectory.enrol(Api.code("P"), trial, SF);
    ScriptedParticipantDirectory.allocate(trial, mdma, SF, "MDMA");
    ScriptedParticipantDirectory.allocate(trial, placebo, SF, "PLACEBO");
    define("dsmb.chair", trial, "by-arm", 2, "ARM", List.of("ENROLLMENT")).statusCode(201);
    // Randomized after the DSMB's last look: safety-service does not know this arm yet.
    var late = ScriptedParticipantDirectory.enrol(Api.code("P"), trial, SF);
    ScriptedParticipantDirectory.allocate(trial, late, SF, "PLACEBO");
    as("sponsor.maps")
        .when()
        .post("/api/safety/trials/{t}/stopping-rules/evaluation", trial)
        .then()
        .statusCode(403);
    serious(mdma);
    serious(late);
    // The unknown arm counted in both: MDMA reaches 2, erring towards stopping.
    as("dsmb.chair")
        .when()
        .get("/api/safety/trials/{t}/stopping-rules", trial)
        .then()
        .body("items[0].fired", equalTo(true))
        .body("items[0].firedArm", equalTo("MDMA"));

    // The same events with the arms refreshed first: one per arm, nothing fires.
    var trial2 = Api.code("T");
    var mdma2 = ScriptedParticipantDirectory.enrol(Api.code("P"), trial2, SF);
    ScriptedParticipantDirectory.allocate(trial2, mdma2, SF, "MDMA");
    define("dsmb.chair", trial2, "by-arm", 2, "ARM", List.of("ENROLLMENT")).statusCode(201);
    var late2 = ScriptedParticipantDirectory.enrol(Api.code("P"), trial2, SF);
    ScriptedParticipantDirectory.allocate(trial2, late2, SF, "PLACEBO");
    as("dsmb.chair")
        .when()
        .post("/api/safety/trials/{t}/stopping-rules/evaluation", trial2)
        .then()
        .statusCode(200)
        .body("[0].fired", equalTo(false));
    serious(mdma2);
    serious(late2);
    as("dsmb.chair")
        .when()
        .get("/api/safety/trials/{t}/stopping-rules", trial2)
        .then()
        .body("items[0].fired", equalTo(false));
  }

  @Test
  void withoutDisclosedArmsTheDsmbCannotDefineAnArmRule() {
    var trial = Api.code("T");
    ScriptedParticipantDirectory.enrol(Api.code("P"), trial, SF);
    ScriptedParticipantDirectory.disclose = false;
    define("dsmb.chair", trial, "by-arm", 2, "ARM", List.of("ENROLLMENT"))
        .statusCode(503)
        .body("code", equalTo("SAF-0503-ARMS-NOT-DISCLOSED"));
    ScriptedParticipantDirectory.disclose = true;
    as("sponsor.maps")
        .when()
        .get("/api/safety/trials/{t}/stopping-rules", trial)
        .then()
        .body("total", equalTo(0));
  }

  @Test
  void aRuleThatSuspendsDosingHoldsEveryParticipantOfTheTrial() {
    var trial = Api.code("T");
    var sick = ScriptedParticipantDirectory.enrol(Api.code("P"), trial, SF);
    var well = ScriptedParticipantDirectory.enrol(Api.code("P"), trial, SF);
    // safety-service knows the second participant through a mild event.
    as("therapist.sf1")
        .body(Map.of("participantCode", well, "event", event(List.of(), "UNLIKELY")))
        .when()
        .post("/api/safety/adverse-events")
        .then()
        .statusCode(201);
    define("sponsor.maps", trial, "one", 1, "TRIAL", List.of("DOSING"))
        .statusCode(201)
        .body("suspends", equalTo(List.of("DOSING")));
    assertThat(clearance(well).getCleared()).isTrue();

    serious(sick);

    var held = clearance(well);
    assertThat(held.getCleared()).isFalse();
    assertThat(held.getReasonsList()).anyMatch(r -> r.contains("STOPPING_RULE"));
    assertThat(clearance(sick).getReasonsList()).anyMatch(r -> r.contains("STOPPING_RULE"));
    // A participant first met after the rule fired is held too.
    var later = ScriptedParticipantDirectory.enrol(Api.code("P"), trial, SF);
    as("therapist.sf1")
        .body(Map.of("participantCode", later, "event", event(List.of(), "UNLIKELY")))
        .when()
        .post("/api/safety/adverse-events")
        .then()
        .statusCode(201);
    assertThat(clearance(later).getCleared()).isFalse();
  }

  @Test
  void aParticipantSafetyServiceNeverMetIsRefusedOnTheTrialItsDoseIsFor() {
    var trial = Api.code("T");
    var sick = ScriptedParticipantDirectory.enrol(Api.code("P"), trial, SF);
    define("sponsor.maps", trial, "one", 1, "TRIAL", List.of("DOSING")).statusCode(201);
    serious(sick);
    // No record of this participant here, so no STOPPING_RULE hold: the gate still refuses.
    var unseen = Api.code("P");
    var refused =
        gate.checkDosingClearance(
                DosingClearanceRequest.newBuilder()
                    .setParticipantCode(unseen)
                    .setTrialId(trial)
                    .build())
            .await()
            .atMost(Duration.ofSeconds(10));
    assertThat(refused.getCleared()).isFalse();
    assertThat(refused.getReasonsList())
        .anyMatch(r -> r.contains("stopping rule one suspended dosing"));
    // Another trial's participant doses on.
    var other =
        gate.checkDosingClearance(
                DosingClearanceRequest.newBuilder()
                    .setParticipantCode(Api.code("P"))
                    .setTrialId(Api.code("T"))
                    .build())
            .await()
            .atMost(Duration.ofSeconds(10));
    assertThat(other.getCleared()).isTrue();
  }

  @Test
  void aRuleThatOnlyPausesEnrollmentLeavesOtherParticipantsDosing() {
    var trial = Api.code("T");
    var sick = ScriptedParticipantDirectory.enrol(Api.code("P"), trial, SF);
    var well = ScriptedParticipantDirectory.enrol(Api.code("P"), trial, SF);
    as("therapist.sf1")
        .body(Map.of("participantCode", well, "event", event(List.of(), "UNLIKELY")))
        .when()
        .post("/api/safety/adverse-events")
        .then()
        .statusCode(201);
    define("sponsor.maps", trial, "one", 1, "TRIAL", List.of("ENROLLMENT")).statusCode(201);
    serious(sick);
    as("sponsor.maps")
        .when()
        .get("/api/safety/trials/{t}/stopping-rules", trial)
        .then()
        .body("items[0].fired", equalTo(true));
    assertThat(clearance(well).getCleared()).isTrue();
  }

  @Test
  void aRuleNamesWhatItCountsAndWhatItSuspends() {
    var trial = Api.code("T");
    ScriptedParticipantDirectory.enrol(Api.code("P"), trial, SF);
    define("sponsor.maps", trial, "none", 1, "TRIAL", List.of())
        .statusCode(400)
        .body("violations.field", hasItem("suspends"));
    as("sponsor.maps")
        .body(
            Map.of(
                "name",
                "x",
                "relatedSeriousEvents",
                1,
                "suspends",
                List.of("DOSING"),
                "reason",
                "r"))
        .when()
        .post("/api/safety/trials/{t}/stopping-rules", trial)
        .then()
        .statusCode(400)
        .body("violations.field", hasItem("countBy"));
    define("investigator.sf", trial, "x", 1, "TRIAL", List.of("DOSING")).statusCode(403);
  }
}

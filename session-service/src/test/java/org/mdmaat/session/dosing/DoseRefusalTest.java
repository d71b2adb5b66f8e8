package org.mdmaat.session.dosing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.mdmaat.session.SessionFixtures.SF;
import static org.mdmaat.session.SessionFixtures.TRIAL;
import static org.mdmaat.session.SessionFixtures.as;
import static org.mdmaat.session.SessionFixtures.count;
import static org.mdmaat.session.SessionFixtures.newParticipant;
import static org.mdmaat.session.SessionFixtures.readyToDose;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mdmaat.contracts.events.DosingHoldLifted;
import org.mdmaat.contracts.events.DosingHoldPlaced;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.Topics;
import org.mdmaat.contracts.grpc.recruitment.ParticipantStatus;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.session.ScriptedParticipantDirectory;
import org.mdmaat.session.SessionFixtures;

/**
 * Safety before every dose: each reason to refuse refuses, and a refused dose leaves no trace (no
 * dose, no dispense, no audit entry, no event, no status change).
 */
@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @io.quarkus.test.common.ResourceArg(name = "database", value = "session"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedGatePort.class)
class DoseRefusalTest {
  @Inject ObjectMapper json;

  @AfterEach
  void peersAnswerAgain() {
    ScriptedSafetyGate.answer = ScriptedSafetyGate.Answer.CLEARED;
    ScriptedParticipantDirectory.unavailable = false;
  }

  /** What a dose would write, for one participant. */
  private record Traces(long doses, long dispenses, long audit, long events, String status) {}

  private static Traces traces(String code, String sessionId) throws Exception {
    return new Traces(
        count("select count(*) from dose where participant_code = ?", code),
        count(
            "select count(*) from kit_movement where kit_code = ? and kind = 'DISPENSED'",
            "KIT-" + code),
        count("select count(*) from audit_entry where participant_code = ?", code),
        count("select count(*) from outbox_event where message_key = ?", code),
        as("therapist.sf1")
            .get("/api/sessions/visits/{id}", sessionId)
            .then()
            .extract()
            .path("status"));
  }

  private static ValidatableResponse dose(String sessionId) {
    return as("therapist.sf1")
        .contentType(ContentType.JSON)
        .body(Map.of("mgHcl", 80, "supplemental", false))
        .post("/api/sessions/visits/{id}/doses", sessionId)
        .then();
  }

  private void refusedWithoutTrace(
      String code, String sessionId, int status, String problemCode, String detail)
      throws Exception {
    var before = traces(code, sessionId);
    assertThat(before.status()).isEqualTo("PRE_DOSE_CHECKS_PASSED");
    dose(sessionId)
        .statusCode(status)
        .contentType(startsWith("application/problem+json"))
        .body("code", equalTo(problemCode))
        .body("detail", containsString(detail));
    assertThat(traces(code, sessionId)).isEqualTo(before);
    assertThat(before.doses()).isZero();
    assertThat(before.dispenses()).isZero();
  }

  @Test
  void safetyGateSaysNo() throws Exception {
    var code = newParticipant();
    var id = readyToDose(json, code);
    ScriptedSafetyGate.answer = ScriptedSafetyGate.Answer.HELD;
    refusedWithoutTrace(code, id, 422, "SES-0422-CLEARANCE", "dosing hold h-1");
    // The same dose goes through once the gate clears: the refusal was the gate's.
    ScriptedSafetyGate.answer = ScriptedSafetyGate.Answer.CLEARED;
    dose(id).statusCode(201);
  }

  @Test
  void safetyGateDoesNotAnswer() throws Exception {
    var code = newParticipant();
    var id = readyToDose(json, code);
    ScriptedSafetyGate.answer = ScriptedSafetyGate.Answer.UNAVAILABLE;
    refusedWithoutTrace(code, id, 503, "SES-0503", "safety-service");
  }

  @Test
  void participantNotInTreatment() throws Exception {
    var code = newParticipant();
    var id = readyToDose(json, code);
    ScriptedParticipantDirectory.register(code, SF, ParticipantStatus.WITHDRAWN, 70);
    refusedWithoutTrace(code, id, 422, "SES-0422-PARTICIPANT", "WITHDRAWN");
    ScriptedParticipantDirectory.register(code, SF, ParticipantStatus.IN_TREATMENT, 70);
    dose(id).statusCode(201);
  }

  @Test
  void participantDirectoryDoesNotAnswer() throws Exception {
    var code = newParticipant();
    var id = readyToDose(json, code);
    ScriptedParticipantDirectory.unavailable = true;
    refusedWithoutTrace(code, id, 503, "SES-0503-DIRECTORY", "recruitment-service");
  }

  @Test
  void aKnownHoldRefusesUntilItIsLifted() throws Exception {
    var code = newParticipant();
    var id = readyToDose(json, code);
    var holdId = UUID.randomUUID().toString();
    var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    send(
        EventTypes.DOSING_HOLD_PLACED,
        code,
        new DosingHoldPlaced(holdId, code, TRIAL, SF, "INVESTIGATOR", "BP 185/112", now));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> count("select count(*) from dosing_hold where participant_code = ?", code) == 1);
    // The gate clears (scripted), but the hold known here refuses on its own.
    refusedWithoutTrace(code, id, 422, "SES-0422-HOLD", "BP 185/112");

    send(
        EventTypes.DOSING_HOLD_LIFTED,
        code,
        new DosingHoldLifted(holdId, code, TRIAL, SF, "investigator.sf", "BP normal", now));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                count(
                        "select count(*) from dosing_hold where participant_code = ?"
                            + " and lifted_at is not null",
                        code)
                    == 1);
    dose(id).statusCode(201).body("kitCode", equalTo("KIT-" + code));
    assertThat(count("select count(*) from dose where participant_code = ?", code)).isEqualTo(1);
  }

  /**
   * Kafka may deliver a lift before its placement, and either twice: the placement arrives lifted
   * and does not block, while another hold of the same participant, placed and not lifted, does.
   */
  @Test
  void aLiftBeforeItsPlacementLeavesThePlacementLifted() throws Exception {
    var code = newParticipant();
    var id = readyToDose(json, code);
    var early = UUID.randomUUID().toString();
    var other = UUID.randomUUID().toString();
    var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    var lift =
        envelope(
            EventTypes.DOSING_HOLD_LIFTED,
            code,
            new DosingHoldLifted(early, code, TRIAL, SF, "investigator.sf", "BP normal", now));
    send(code, lift);
    send(code, lift); // redelivered
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                count(
                        "select count(*) from dosing_hold where hold_id = ?::uuid"
                            + " and lifted_at is not null and placed_at is null",
                        early)
                    == 1);

    var placement =
        envelope(
            EventTypes.DOSING_HOLD_PLACED,
            code,
            new DosingHoldPlaced(early, code, TRIAL, SF, "INVESTIGATOR", "BP 185/112", now));
    send(code, placement);
    send(code, placement); // redelivered
    // The same placement re-published under another event id changes nothing either.
    send(
        EventTypes.DOSING_HOLD_PLACED,
        code,
        new DosingHoldPlaced(early, code, TRIAL, SF, "INVESTIGATOR", "BP 185/112", now));
    // Fails closed: a placement with no lift blocks.
    send(
        EventTypes.DOSING_HOLD_PLACED,
        code,
        new DosingHoldPlaced(other, code, TRIAL, SF, "INVESTIGATOR", "HR 140", now));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                count(
                        "select count(*) from dosing_hold where participant_code = ?"
                            + " and placed_at is not null",
                        code)
                    == 2);
    assertThat(
            count(
                "select count(*) from dosing_hold where hold_id = ?::uuid"
                    + " and placed_at is not null and lifted_at is not null"
                    + " and cause = 'INVESTIGATOR' and reason = 'BP 185/112'",
                early))
        .isEqualTo(1);
    // One entry for the lift, one for the late placement; the duplicates wrote nothing.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                count(
                        "select count(*) from processed_event where consumer = ?"
                            + " and event_id in (?::uuid, ?::uuid)",
                        DosingHoldListener.CONSUMER,
                        lift.id().toString(),
                        placement.id().toString())
                    == 2);
    assertThat(
            count(
                "select count(*) from audit_entry where entity_type = 'DosingHold'"
                    + " and entity_id = ?",
                early))
        .isEqualTo(2);
    refusedWithoutTrace(code, id, 422, "SES-0422-HOLD", "HR 140");

    send(
        EventTypes.DOSING_HOLD_LIFTED,
        code,
        new DosingHoldLifted(other, code, TRIAL, SF, "investigator.sf", "HR normal", now));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                count(
                        "select count(*) from dosing_hold where participant_code = ?"
                            + " and lifted_at is null",
                        code)
                    == 0);
    dose(id).statusCode(201).body("kitCode", equalTo("KIT-" + code));
  }

  @Test
  void aNonDosingSessionOrWrongStateIsAConflict() throws Exception {
    var code = newParticipant();
    SessionFixtures.randomize(json, code, SF, TRIAL);
    List<Map<String, Object>> schedule = SessionFixtures.awaitSchedule(code, "coordinator.sf");
    var preparation = (String) SessionFixtures.session(schedule, "PREPARATION", 1).get("id");
    var experimental = (String) SessionFixtures.session(schedule, "EXPERIMENTAL", 1).get("id");
    dose(preparation).statusCode(409);
    dose(experimental).statusCode(409);
    as("therapist.bos1")
        .contentType(ContentType.JSON)
        .body(Map.of("mgHcl", 80, "supplemental", false))
        .post("/api/sessions/visits/{id}/doses", experimental)
        .then()
        .statusCode(404);
    as("coordinator.sf")
        .contentType(ContentType.JSON)
        .body(Map.of("mgHcl", 80, "supplemental", false))
        .post("/api/sessions/visits/{id}/doses", experimental)
        .then()
        .statusCode(403);
    as("therapist.sf1")
        .contentType(ContentType.JSON)
        .body(Map.of("mgHcl", "eighty", "supplemental", false))
        .post("/api/sessions/visits/{id}/doses", experimental)
        .then()
        .statusCode(400);
    assertThat(count("select count(*) from dose where participant_code = ?", code)).isZero();
  }

  private void send(String type, String code, Object payload) throws Exception {
    send(code, envelope(type, code, payload));
  }

  private EventEnvelope envelope(String type, String code, Object payload) {
    return EventEnvelope.of(type, "safety-service", TRIAL, code, json.valueToTree(payload));
  }

  private void send(String code, EventEnvelope event) throws Exception {
    SessionFixtures.send(Topics.DOSING_HOLDS, code, json.writeValueAsString(event));
  }
}

package org.mdmaat.session.dosing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.mdmaat.session.SessionFixtures.as;
import static org.mdmaat.session.SessionFixtures.count;
import static org.mdmaat.session.SessionFixtures.newParticipant;
import static org.mdmaat.session.SessionFixtures.readyToDose;
import static org.mdmaat.session.SessionFixtures.text;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mdmaat.contracts.grpc.safety.VitalsLevel;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.session.SessionFixtures;

/**
 * Issue 16 item 2 at the dose: the pre-dose vitals go to safety-service before the initial dose
 * (none stored there: the dose is refused, nothing recorded), and a supplemental dose needs the
 * participant's current vitals in range, or an investigator's recorded confirmation at a warning
 * level, and is refused at a critical one.
 */
@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @io.quarkus.test.common.ResourceArg(name = "database", value = "session"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedGatePort.class)
class SupplementalDoseVitalsTest {
  @Inject ObjectMapper json;

  @AfterEach
  void gateAnswersAsUsual() {
    ScriptedSafetyGate.reset();
  }

  private static ValidatableResponse dose(String user, String sessionId, Map<String, ?> body) {
    return as(user)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/sessions/visits/{id}/doses", sessionId)
        .then();
  }

  private static Map<String, Object> supplemental(String confirmation) {
    var body = new HashMap<String, Object>();
    body.put("mgHcl", 40);
    body.put("supplemental", true);
    if (confirmation != null) {
      body.put("vitalsConfirmation", Map.of("reason", confirmation));
    }
    return body;
  }

  /** An initial dose given 100 minutes ago: the supplemental window is open. */
  private String initiallyDosed(String code) throws Exception {
    var id = readyToDose(json, code);
    dose("therapist.sf1", id, Map.of("mgHcl", 80, "supplemental", false)).statusCode(201);
    SessionFixtures.timePasses(id, Duration.ofMinutes(100));
    return id;
  }

  private static long doses(String code) throws Exception {
    return count("select count(*) from dose where participant_code = ?", code);
  }

  private static long audit(String code) throws Exception {
    return count("select count(*) from audit_entry where participant_code = ?", code);
  }

  @Test
  void theInitialDoseStoresThePreDoseVitalsAtSafetyServiceFirst() throws Exception {
    var code = newParticipant();
    var id = readyToDose(json, code);
    dose("therapist.sf1", id, Map.of("mgHcl", 80, "supplemental", false))
        .statusCode(201)
        .body("vitalsLevel", equalTo("VITALS_IN_RANGE"))
        .body("vitalsConfirmedBy", nullValue());

    var sent =
        ScriptedSafetyGate.PRE_DOSE_VITALS.get(
            DosingService.preDoseReadingId(UUID.fromString(id)).toString());
    assertThat(sent).as("the pre-dose vitals reached safety-service").isNotNull();
    assertThat(sent.getParticipantCode()).isEqualTo(code);
    assertThat(sent.getSessionId()).isEqualTo(id);
    assertThat(sent.getSiteCode()).isEqualTo("US-SF-01");
    assertThat(sent.getSystolic()).isEqualTo(128);
    assertThat(sent.getDiastolic()).isEqualTo(82);
    assertThat(sent.getHeartRate()).isEqualTo(74);
    assertThat(sent.getTemperatureC()).isEqualTo(36.8);
    assertThat(sent.hasSpo2()).as("not measured: absent, not 0").isFalse();
    assertThat(sent.getCheckedBy()).isEqualTo("therapist.sf1");
    // Taken when the checks passed.
    assertThat(java.time.OffsetDateTime.parse(sent.getMeasuredAt()).toInstant())
        .isEqualTo(
            java.time.Instant.parse(
                text(
                    "select to_char(checked_at at time zone 'UTC',"
                        + " 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') from pre_dose_check"
                        + " where session_id = ?::uuid",
                    id)));
  }

  @Test
  void safetyServiceNotStoringThePreDoseVitalsRefusesTheDoseAndRecordsNothing() throws Exception {
    var code = newParticipant();
    var id = readyToDose(json, code);
    long auditBefore = audit(code);
    ScriptedSafetyGate.storesPreDoseVitals = false;

    dose("therapist.sf1", id, Map.of("mgHcl", 80, "supplemental", false))
        .statusCode(503)
        .contentType(startsWith("application/problem+json"))
        .body("code", equalTo("SES-0503-PRE-DOSE-VITALS"))
        .body("detail", containsString("pre-dose vitals"));

    assertThat(doses(code)).isZero();
    assertThat(audit(code)).isEqualTo(auditBefore);
    assertThat(
            count(
                "select count(*) from kit_movement where kit_code = ? and kind = 'DISPENSED'",
                "KIT-" + code))
        .isZero();
    as("therapist.sf1")
        .get("/api/sessions/visits/{id}", id)
        .then()
        .body("status", equalTo("PRE_DOSE_CHECKS_PASSED"));

    // Once safety-service stores them, the same dose is given.
    ScriptedSafetyGate.storesPreDoseVitals = true;
    dose("therapist.sf1", id, Map.of("mgHcl", 80, "supplemental", false)).statusCode(201);
  }

  @Test
  void vitalsAtAWarningLevelBlockTheSupplementalDoseUnlessAnInvestigatorConfirmsIt()
      throws Exception {
    var code = newParticipant();
    var id = initiallyDosed(code);
    ScriptedSafetyGate.vitalsLevel = VitalsLevel.VITALS_WARN;
    ScriptedSafetyGate.vitalsFindings = List.of("WARN SYSTOLIC 165 (high) at 2026-12-03T00:00:00Z");
    long auditBefore = audit(code);

    // Without a confirmation: refused, naming the finding and what is missing.
    dose("therapist.sf1", id, supplemental(null))
        .statusCode(422)
        .body("code", equalTo("SES-0422-VITALS-WARN"))
        .body("detail", containsString("WARN SYSTOLIC 165"))
        .body("violations.field", hasItem("vitalsConfirmation"));
    // A therapist may not confirm.
    dose("therapist.sf1", id, supplemental("looks fine to me"))
        .statusCode(403)
        .body("code", equalTo("SES-0403-VITALS-CONFIRMATION"));
    // A confirmation without a reason is no confirmation.
    dose("investigator.sf", id, supplemental(" ")).statusCode(400);
    assertThat(doses(code)).isEqualTo(1);
    assertThat(audit(code)).isEqualTo(auditBefore);

    // The investigator confirms: given, the confirmation recorded and audited with the dose.
    var doseId =
        dose("investigator.sf", id, supplemental("BP 165/95 stable for 40 min, asymptomatic"))
            .statusCode(201)
            .body("supplemental", equalTo(true))
            .body("vitalsLevel", equalTo("VITALS_WARN"))
            .body("vitalsFindings", containsString("WARN SYSTOLIC 165"))
            .body("vitalsConfirmedBy", equalTo("investigator.sf"))
            .body("vitalsConfirmationReason", equalTo("BP 165/95 stable for 40 min, asymptomatic"))
            .extract()
            .<String>path("id");
    assertThat(
            text(
                "select vitals_confirmed_by || '|' || vitals_confirmation_reason from dose"
                    + " where id = ?::uuid",
                doseId))
        .isEqualTo("investigator.sf|BP 165/95 stable for 40 min, asymptomatic");
    assertThat(
            text(
                "select actor || '|' || reason || '|' || (after_state::jsonb ->> 'vitalsConfirmedBy')"
                    + " from audit_entry where entity_type = 'Dose' and entity_id = ?",
                doseId))
        .isEqualTo("investigator.sf|BP 165/95 stable for 40 min, asymptomatic|investigator.sf");
  }

  @Test
  void vitalsInRangeNeedNoConfirmationCriticalOnesOrAnUnknownLevelDo() throws Exception {
    // In range: the therapist gives it.
    var inRange = newParticipant();
    var first = initiallyDosed(inRange);
    dose("therapist.sf1", first, supplemental(null))
        .statusCode(201)
        .body("vitalsLevel", equalTo("VITALS_IN_RANGE"))
        .body("vitalsConfirmedBy", nullValue());

    // Critical: refused, even with an investigator's confirmation.
    var critical = newParticipant();
    var second = initiallyDosed(critical);
    ScriptedSafetyGate.vitalsLevel = VitalsLevel.VITALS_CRITICAL;
    ScriptedSafetyGate.vitalsFindings = List.of("CRITICAL HEART_RATE 38 (low) at …");
    dose("investigator.sf", second, supplemental("I accept the risk"))
        .statusCode(422)
        .body("code", equalTo("SES-0422-VITALS-CRITICAL"))
        .body("detail", containsString("HEART_RATE 38"));
    assertThat(doses(critical)).isEqualTo(1);

    // A level safety-service does not state is not "in range".
    ScriptedSafetyGate.vitalsLevel = VitalsLevel.VITALS_LEVEL_UNSPECIFIED;
    ScriptedSafetyGate.vitalsFindings = List.of();
    dose("therapist.sf1", second, supplemental(null))
        .statusCode(422)
        .body("code", equalTo("SES-0422-VITALS-WARN"));
    // A confirmation belongs to a supplemental dose only.
    var third = readyToDose(json, newParticipant());
    var initial = new HashMap<String, Object>(Map.of("mgHcl", 80, "supplemental", false));
    initial.put("vitalsConfirmation", Map.of("reason", "not needed"));
    dose("investigator.sf", third, initial).statusCode(400);
  }
}

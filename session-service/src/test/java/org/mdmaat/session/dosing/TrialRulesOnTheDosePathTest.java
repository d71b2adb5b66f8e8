package org.mdmaat.session.dosing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.mdmaat.session.SessionFixtures.SF;
import static org.mdmaat.session.SessionFixtures.as;
import static org.mdmaat.session.SessionFixtures.count;
import static org.mdmaat.session.SessionFixtures.newParticipant;
import static org.mdmaat.session.SessionFixtures.unique;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.Topics;
import org.mdmaat.contracts.events.TrialStatusChanged;
import org.mdmaat.contracts.grpc.recruitment.TrialSite;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.session.ScriptedParticipantDirectory;
import org.mdmaat.session.SessionFixtures;
import org.mdmaat.session.Therapists;
import org.mdmaat.session.accountability.KitStock;

/**
 * The trial's own rules on the dose path, each refusal with its problem code and nothing written,
 * each rule with a success: settings exactly as configured (a 0 is a 0, nothing unset is filled
 * in), the trial's and participant's status, sequence and spacing of experimental sessions with
 * signed deviations, the schedule re-anchored on the dose in the site's time zone, dose times, and
 * the pregnancy test.
 */
@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @io.quarkus.test.common.ResourceArg(name = "database", value = "session"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedGatePort.class)
class TrialRulesOnTheDosePathTest {
  private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

  @Inject ObjectMapper json;

  @AfterEach
  void peersAnswerAgain() {
    ScriptedParticipantDirectory.unavailable = false;
  }

  // ------------------------------------------------------------------ helpers

  private static ValidatableResponse dose(String sessionId, Object mg, boolean supplemental) {
    return dose(sessionId, mg, supplemental, null);
  }

  private static ValidatableResponse dose(
      String sessionId, Object mg, boolean supplemental, Instant at) {
    var body = new HashMap<String, Object>(Map.of("mgHcl", mg, "supplemental", supplemental));
    if (at != null) {
      body.put("administeredAt", at.toString());
    }
    return as("therapist.sf1")
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/sessions/visits/{id}/doses", sessionId)
        .then();
  }

  private static long doses(String code) throws Exception {
    return count("select count(*) from dose where participant_code = ?", code);
  }

  private static long events(String code, String type) throws Exception {
    return count(
        "select count(*) from outbox_event where message_key = ? and type = ?", code, type);
  }

  /** A trial of its own, MAPP-like, changed by {@code change}. */
  private static String trial(
      java.util.function.UnaryOperator<org.mdmaat.contracts.grpc.recruitment.TrialProtocol.Builder>
          change) {
    var id = unique("T");
    ScriptedParticipantDirectory.PROTOCOLS.put(
        id, change.apply(ScriptedParticipantDirectory.mapp(id)).build());
    return id;
  }

  private List<Map<String, Object>> randomized(String trialId, String code) throws Exception {
    SessionFixtures.randomize(json, code, SF, trialId);
    KitStock.receive("KIT-" + code, "MDMA", 1000);
    return SessionFixtures.awaitSchedule(code, "coordinator.sf");
  }

  /** Books the participant's experimental session {@code number} and checks the participant in. */
  private static String checkedIn(String code, int number) {
    var schedule = SessionFixtures.awaitSchedule(code, "coordinator.sf");
    var session = SessionFixtures.session(schedule, "EXPERIMENTAL", number);
    var id = (String) session.get("id");
    as("coordinator.sf")
        .contentType(ContentType.JSON)
        .body(
            SessionFixtures.booking(
                LocalDate.parse((String) session.get("targetDate")),
                unique("room"),
                Therapists.fresh(),
                Therapists.fresh()))
        .put("/api/sessions/visits/{id}/booking", id)
        .then()
        .statusCode(200);
    as("therapist.sf1").post("/api/sessions/visits/{id}/check-in", id).then().statusCode(200);
    return id;
  }

  private static ValidatableResponse checks(String id, Map<String, Object> checklist) {
    return as("therapist.sf1")
        .contentType(ContentType.JSON)
        .body(checklist)
        .post("/api/sessions/visits/{id}/pre-dose-checks", id)
        .then();
  }

  private static String ready(String code, int number) {
    var id = checkedIn(code, number);
    checks(id, SessionFixtures.passingChecklist()).statusCode(200);
    return id;
  }

  private static void complete(String id) {
    as("therapist.sf1").post("/api/sessions/visits/{id}/monitoring", id).then().statusCode(200);
    as("therapist.sf1").post("/api/sessions/visits/{id}/completion", id).then().statusCode(200);
  }

  /** A deviation signed after a fresh login: the signature is only its meaning. */
  private static ValidatableResponse deviation(String user, String id, String category) {
    return deviation(
        SessionFixtures.signingAs(user), id, category, Map.of("meaning", "RESPONSIBILITY"));
  }

  private static ValidatableResponse deviation(
      io.restassured.specification.RequestSpecification as,
      String id,
      String category,
      Map<String, ?> signature) {
    return as.contentType(ContentType.JSON)
        .body(
            Map.of(
                "category",
                category,
                "reason",
                "participant travelled; medical monitor agreed",
                "signature",
                signature))
        .post("/api/sessions/visits/{id}/deviations", id)
        .then();
  }

  private static long deviations(String sessionId) throws Exception {
    return count("select count(*) from protocol_deviation where session_id = ?::uuid", sessionId);
  }

  private static void refused(ValidatableResponse answer, int status, String code, String detail) {
    answer
        .statusCode(status)
        .contentType(startsWith("application/problem+json"))
        .body("code", equalTo(code))
        .body("detail", containsString(detail));
  }

  // ------------------------------------------------------------------ regimen as configured

  @Test
  void aZeroSupplementalFractionMeansNoSupplementalDose() throws Exception {
    var trial =
        trial(
            t ->
                t.setRegimen(
                    ScriptedParticipantDirectory.mappRegimen()
                        .setSupplementalFraction(0)
                        .clearSupplementalEarliestMinutes()
                        .clearSupplementalLatestMinutes()));
    var code = newParticipant();
    randomized(trial, code);
    var id = ready(code, 1);
    dose(id, 80, false).statusCode(201);
    SessionFixtures.timePasses(id, Duration.ofMinutes(100));
    var answer = dose(id, 40, true);
    refused(answer, 422, "SES-0422-DOSE", "regimen");
    answer.body("violations.field", hasItem("supplemental"));
    assertThat(doses(code)).isEqualTo(1);
  }

  @Test
  void aZeroEarliestMinuteMeansTheSupplementalDoseMayFollowAtOnce() throws Exception {
    var trial =
        trial(
            t ->
                t.setRegimen(
                    ScriptedParticipantDirectory.mappRegimen().setSupplementalEarliestMinutes(0)));
    var code = newParticipant();
    randomized(trial, code);
    var id = ready(code, 1);
    dose(id, 80, false).statusCode(201);
    dose(id, 40, true).statusCode(201).body("supplemental", equalTo(true));
    assertThat(doses(code)).isEqualTo(2);
  }

  @Test
  void anUnsetSettingRefusesTheDoseNamingIt() throws Exception {
    var trial =
        trial(
            t ->
                t.setRegimen(
                    ScriptedParticipantDirectory.mappRegimen().clearSupplementalFraction()));
    var code = newParticipant();
    randomized(trial, code);
    var id = ready(code, 1);
    var answer = dose(id, 80, false);
    refused(answer, 422, "SES-0422-SETTINGS", "regimen.supplementalFraction");
    answer.body("violations.field", hasItem("regimen.supplementalFraction"));
    assertThat(doses(code)).isZero();

    // The trial's site loses its time zone: no dosing day can be judged.
    ScriptedParticipantDirectory.PROTOCOLS.put(
        trial,
        ScriptedParticipantDirectory.mapp(trial)
            .clearSites()
            .addSites(TrialSite.newBuilder().setCode(SF))
            .build());
    refused(dose(id, 80, false), 422, "SES-0422-SETTINGS", "sites[US-SF-01].timeZone");

    // recruitment-service no longer knows the trial, or does not answer.
    ScriptedParticipantDirectory.PROTOCOLS.remove(trial);
    refused(dose(id, 80, false), 422, "SES-0422-PROTOCOL", trial);
    ScriptedParticipantDirectory.unavailable = true;
    refused(dose(id, 80, false), 503, "SES-0503-DIRECTORY", "recruitment-service");
    assertThat(doses(code)).isZero();
    assertThat(
            as("therapist.sf1")
                .get("/api/sessions/visits/{id}", id)
                .then()
                .extract()
                .<String>path("status"))
        .isEqualTo("PRE_DOSE_CHECKS_PASSED");

    // Configured again: the same dose goes through.
    ScriptedParticipantDirectory.unavailable = false;
    ScriptedParticipantDirectory.PROTOCOLS.put(
        trial, ScriptedParticipantDirectory.mapp(trial).build());
    dose(id, 80, false).statusCode(201);
  }

  @Test
  void aVisitTemplateOfZeroesGivesNoSuchSessions() throws Exception {
    var trial =
        trial(
            t ->
                t.setVisitTemplate(
                    ScriptedParticipantDirectory.mappVisits()
                        .setPreparationSessions(0)
                        .setFollowUpContactsPerExperimental(0)));
    var code = newParticipant();
    var schedule = randomized(trial, code);
    assertThat(schedule).extracting(s -> s.get("kind")).doesNotContain("PREPARATION");
    assertThat(schedule).extracting(s -> s.get("kind")).doesNotContain("FOLLOW_UP_CONTACT");
    assertThat(schedule).hasSize(3 + 9);
    // After the dose the (empty) list of follow-up contacts is announced all the same.
    var id = ready(code, 1);
    dose(id, 80, false).statusCode(201);
    assertThat(events(code, EventTypes.FOLLOW_UP_CONTACTS_SCHEDULED)).isEqualTo(1);
  }

  @Test
  void aTrialWithoutItsVisitTemplateOrTimeZoneGetsNoGuessedSchedule() throws Exception {
    var trial = trial(t -> t.clearVisitTemplate());
    var code = newParticipant();
    SessionFixtures.randomize(json, code, SF, trial);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                SessionFixtures.deadLetters(Topics.PARTICIPANTS).stream()
                    .anyMatch(m -> m.contains(code)));
    assertThat(count("select count(*) from protocol_session where participant_code = ?", code))
        .isZero();
    assertThat(count("select count(*) from participant where participant_code = ?", code)).isZero();
  }

  // ------------------------------------------------------------------ trial and participant status

  @Test
  void aTrialThatStoppedDosesNoOne() throws Exception {
    var trial = trial(t -> t);
    var code = newParticipant();
    randomized(trial, code);
    var id = ready(code, 1);
    for (var stop : List.of("TERMINATED", "SUSPENDED", "COMPLETED", "WITHDRAWN")) {
      ScriptedParticipantDirectory.PROTOCOLS.put(
          trial, ScriptedParticipantDirectory.mapp(trial).setRecruitmentStatus(stop).build());
      refused(dose(id, 80, false), 422, "SES-0422-TRIAL", stop);
    }
    assertThat(doses(code)).isZero();
    ScriptedParticipantDirectory.PROTOCOLS.put(
        trial,
        ScriptedParticipantDirectory.mapp(trial)
            .setRecruitmentStatus("ACTIVE_NOT_RECRUITING")
            .build());
    dose(id, 80, false).statusCode(201);
  }

  @Test
  void aSuspensionAnnouncedByEventRefusesInsideTheDosesTransaction() throws Exception {
    // The directory still says RECRUITING (a stale answer); the event says SUSPENDED.
    var trial = trial(t -> t);
    var code = newParticipant();
    randomized(trial, code);
    var id = ready(code, 1);
    var suspendedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    trialStatus(trial, "RECRUITING", "SUSPENDED", suspendedAt);
    awaitKnown(trial, "SUSPENDED");
    refused(dose(id, 80, false), 422, "SES-0422-TRIAL", "SUSPENDED");
    // A late, older event does not undo the suspension.
    trialStatus(trial, "NOT_YET_RECRUITING", "RECRUITING", suspendedAt.minusSeconds(3600));
    var marker = unique("T");
    trialStatus(marker, "NOT_YET_RECRUITING", "RECRUITING", suspendedAt);
    awaitKnown(marker, "RECRUITING");
    assertThat(
            count(
                "select count(*) from known_trial where trial_id = ? and status = 'SUSPENDED'",
                trial))
        .isEqualTo(1);
    refused(dose(id, 80, false), 422, "SES-0422-TRIAL", "SUSPENDED");
    assertThat(doses(code)).isZero();
    // Resumed: dosing goes on.
    trialStatus(trial, "SUSPENDED", "RECRUITING", suspendedAt.plusSeconds(60));
    awaitKnown(trial, "RECRUITING");
    dose(id, 80, false).statusCode(201);
  }

  private void trialStatus(String trial, String from, String to, Instant at) throws Exception {
    SessionFixtures.send(
        Topics.TRIALS,
        trial,
        json.writeValueAsString(
            EventEnvelope.of(
                EventTypes.TRIAL_STATUS_CHANGED,
                "recruitment-service",
                trial,
                null,
                json.valueToTree(new TrialStatusChanged(trial, from, to, "DSMB review", at)))));
  }

  private static void awaitKnown(String trial, String status) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                count(
                        "select count(*) from known_trial where trial_id = ? and status = ?",
                        trial,
                        status)
                    == 1);
  }

  // ------------------------------------------------------------------ sequence and spacing

  @Test
  void sessionTwoWaitsForSessionOneUnlessAnInvestigatorSignsADeviation() throws Exception {
    var code = newParticipant();
    randomized(SessionFixtures.TRIAL, code);
    var second = ready(code, 2);
    refused(dose(second, 120, false), 422, "SES-0422-SEQUENCE", "session 1 is SCHEDULED");
    assertThat(doses(code)).isZero();

    // Only an investigator of the site signs it, once, before the dose.
    deviation("therapist.sf1", second, "DOSE_OUT_OF_SEQUENCE").statusCode(403);
    deviation("investigator.bos", second, "DOSE_OUT_OF_SEQUENCE").statusCode(404);
    as("investigator.sf")
        .contentType(ContentType.JSON)
        .body(Map.of("category", "DOSE_OUT_OF_SEQUENCE", "reason", "no signature"))
        .post("/api/sessions/visits/{id}/deviations", second)
        .then()
        .statusCode(400);
    // The signature: only its meaning, from a fresh login.
    deviation(
            SessionFixtures.signingAs("investigator.sf"),
            second,
            "DOSE_OUT_OF_SEQUENCE",
            Map.of("meaning", "RESPONSIBILITY", "printedName", "Elena Marquez"))
        .statusCode(400)
        .body("detail", containsString("printedName"));
    deviation(
            SessionFixtures.signingAs("investigator.sf"), second, "DOSE_OUT_OF_SEQUENCE", Map.of())
        .statusCode(400)
        .body("violations.field", hasItem("signature.meaning"));
    var audits = count("select count(*) from audit_entry where entity_type = 'ProtocolDeviation'");
    deviation(
            as("investigator.sf"),
            second,
            "DOSE_OUT_OF_SEQUENCE",
            Map.of("meaning", "RESPONSIBILITY"))
        .statusCode(401)
        .contentType(startsWith("application/problem+json"))
        .body("code", equalTo("PLATFORM-0401-REAUTHENTICATE"))
        .header("WWW-Authenticate", containsString("insufficient_user_authentication"))
        .header("WWW-Authenticate", containsString("max_age=300"));
    assertThat(deviations(second)).isZero();
    assertThat(count("select count(*) from audit_entry where entity_type = 'ProtocolDeviation'"))
        .isEqualTo(audits);
    assertThat(events(code, EventTypes.PROTOCOL_DEVIATION_RECORDED)).isZero();
    var signed =
        deviation("investigator.sf", second, "DOSE_OUT_OF_SEQUENCE")
            .statusCode(201)
            .body("category", equalTo("DOSE_OUT_OF_SEQUENCE"))
            .body("signature.signedBy", equalTo("investigator.sf"))
            .body("signature.signerName", equalTo("Elena Marquez"))
            .body(
                "signature.signerId",
                matchesPattern("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"))
            .body("signature.meaning", equalTo("RESPONSIBILITY"))
            .body("signature.signedAt", notNullValue())
            .body("signature.authenticatedAt", notNullValue())
            .body("signature.contentHash", matchesPattern("[0-9a-f]{64}"))
            .body("signature.legacyPrintedName", nullValue())
            .extract()
            .jsonPath();
    // The hash is of this deviation's facts.
    var facts = new org.mdmaat.session.booking.ProtocolDeviation();
    facts.id = java.util.UUID.fromString(signed.getString("id"));
    facts.sessionId = java.util.UUID.fromString(signed.getString("sessionId"));
    facts.participantCode = signed.getString("participantCode");
    facts.trialId = signed.getString("trialId");
    facts.siteCode = signed.getString("siteCode");
    facts.category = signed.getString("category");
    facts.reason = signed.getString("reason");
    facts.recordedBy = signed.getString("recordedBy");
    facts.recordedAt = Instant.parse(signed.getString("recordedAt"));
    assertThat(signed.getString("signature.contentHash"))
        .isEqualTo(org.mdmaat.platform.signature.Signatures.hash(facts.signed()));
    // Stored, and whole in the audit entry's after.
    assertThat(
            count(
                "select count(*) from protocol_deviation where id = ?::uuid and signer_id = ?"
                    + " and signer_name = 'Elena Marquez' and signed_by = 'investigator.sf'"
                    + " and signature_meaning = 'RESPONSIBILITY' and authenticated_at is not null"
                    + " and content_hash = ? and printed_name is null",
                signed.getString("id"),
                signed.getString("signature.signerId"),
                signed.getString("signature.contentHash")))
        .isEqualTo(1);
    assertThat(
            count(
                "select count(*) from audit_entry where entity_type = 'ProtocolDeviation'"
                    + " and entity_id = ? and after_state::jsonb -> 'signature' ->> 'contentHash' = ?"
                    + " and after_state::jsonb -> 'signature' ->> 'signerName' = 'Elena Marquez'",
                signed.getString("id"),
                signed.getString("signature.contentHash")))
        .isEqualTo(1);
    deviation("investigator.sf", second, "DOSE_OUT_OF_SEQUENCE")
        .statusCode(409)
        .body("code", equalTo("SES-0409-DEVIATION"));
    assertThat(events(code, EventTypes.PROTOCOL_DEVIATION_RECORDED)).isEqualTo(1);

    // Session 1 was never dosed: there is no spacing to keep.
    dose(second, 120, false).statusCode(201);
    deviation("investigator.sf", second, "DOSE_OUTSIDE_SPACING").statusCode(409);
  }

  @Test
  void sessionsAreSpacedWithinTheTrialsWindow() throws Exception {
    var code = newParticipant();
    randomized(SessionFixtures.TRIAL, code);
    var first = ready(code, 1);
    dose(first, 80, false).statusCode(201);
    complete(first);
    // MAPP: 21 to 35 days after session 1's dose, not the same day.
    var second = ready(code, 2);
    refused(dose(second, 120, false), 422, "SES-0422-SPACING", "21 to 35 days");
    assertThat(doses(code)).isEqualTo(1);
    var hash =
        deviation("investigator.sf", second, "DOSE_OUTSIDE_SPACING")
            .statusCode(201)
            .body("signature.signerName", equalTo("Elena Marquez"))
            .extract()
            .<String>path("signature.contentHash");
    dose(second, 120, false).statusCode(201);
    // Another deviation, another hash.
    var third = ready(code, 3);
    assertThat(
            deviation("investigator.sf", third, "DOSE_OUT_OF_SEQUENCE")
                .statusCode(201)
                .extract()
                .<String>path("signature.contentHash"))
        .matches("[0-9a-f]{64}")
        .isNotEqualTo(hash);
  }

  @Test
  void aTrialWithAShortIntervalDosesInSequenceWithoutDeviation() throws Exception {
    var trial =
        trial(
            t ->
                t.setVisitTemplate(
                    ScriptedParticipantDirectory.mappVisits()
                        .setExperimentalIntervalDays(1)
                        .setExperimentalWindowDays(1)));
    var code = newParticipant();
    randomized(trial, code);
    for (int n = 1; n <= 3; n++) {
      var id = ready(code, n);
      dose(id, n == 1 ? 80 : 120, false).statusCode(201);
      complete(id);
    }
    assertThat(doses(code)).isEqualTo(3);
    assertThat(count("select count(*) from protocol_deviation where participant_code = ?", code))
        .isZero();
  }

  // ------------------------------------------------------------------ the schedule follows the
  // dose

  @Test
  void theScheduleIsReAnchoredOnTheDoseInTheSitesTimeZone() throws Exception {
    var code = newParticipant();
    randomized(SessionFixtures.TRIAL, code);
    var id = ready(code, 1);
    dose(id, 80, false).statusCode(201);
    var dosedOn = LocalDate.now(LOS_ANGELES);
    var schedule = SessionFixtures.awaitSchedule(code, "coordinator.sf");
    for (int d = 1; d <= 7; d++) {
      assertThat(SessionFixtures.session(schedule, "FOLLOW_UP_CONTACT", d).get("targetDate"))
          .isEqualTo(dosedOn.plusDays(d).toString());
    }
    assertThat(SessionFixtures.session(schedule, "INTEGRATION", 1).get("targetDate"))
        .isEqualTo(dosedOn.plusDays(1).toString());
    var next = SessionFixtures.session(schedule, "EXPERIMENTAL", 2);
    assertThat(next.get("targetDate")).isEqualTo(dosedOn.plusDays(28).toString());
    assertThat(next.get("windowStart")).isEqualTo(dosedOn.plusDays(21).toString());
    assertThat(next.get("windowEnd")).isEqualTo(dosedOn.plusDays(35).toString());
    assertThat(events(code, EventTypes.SESSION_RESCHEDULED)).isPositive();
    assertThat(
            count(
                "select count(*) from audit_entry where participant_code = ?"
                    + " and action = 'RESCHEDULE'",
                code))
        .isEqualTo(events(code, EventTypes.SESSION_RESCHEDULED));
    var announced =
        json.readTree(
            SessionFixtures.text(
                "select payload from outbox_event where message_key = ? and type = ?",
                code,
                EventTypes.FOLLOW_UP_CONTACTS_SCHEDULED));
    var data = announced.get("data");
    assertThat(data.get("timeZone").asText()).isEqualTo("America/Los_Angeles");
    assertThat(data.get("contacts")).hasSize(7);
    assertThat(data.get("contacts").get(0).get("contactId").asText())
        .isEqualTo(SessionFixtures.session(schedule, "FOLLOW_UP_CONTACT", 1).get("id"));
    assertThat(data.get("contacts").get(6).get("day").asInt()).isEqualTo(7);

    // Aborted after the dose: the follow-up contacts stand.
    as("investigator.sf")
        .contentType(ContentType.JSON)
        .body(Map.of("reason", "participant asked to stop"))
        .post("/api/sessions/visits/{id}/abort", id)
        .then()
        .statusCode(200);
    assertThat(
            count(
                "select count(*) from protocol_session where participant_code = ?"
                    + " and kind = 'FOLLOW_UP_CONTACT' and experimental_number = 1"
                    + " and status = 'SCHEDULED'",
                code))
        .isEqualTo(7);
    assertThat(events(code, EventTypes.FOLLOW_UP_CONTACTS_SCHEDULED)).isEqualTo(1);
  }

  @Test
  void windowsAreTheSitesCalendarDays() throws Exception {
    // 03:00 UTC is the evening before in San Francisco.
    var randomizedAt =
        LocalDate.now(java.time.ZoneOffset.UTC).atTime(3, 0).toInstant(java.time.ZoneOffset.UTC);
    var code = newParticipant();
    SessionFixtures.randomize(json, code, SF, SessionFixtures.TRIAL, randomizedAt);
    var schedule = SessionFixtures.awaitSchedule(code, "coordinator.sf");
    assertThat(SessionFixtures.session(schedule, "PREPARATION", 1).get("targetDate"))
        .isEqualTo(randomizedAt.atZone(LOS_ANGELES).toLocalDate().toString());

    // A booking is judged on the site's day: 23:00 in San Francisco on the window's last day is
    // inside it (07:00 UTC the next day); 00:30 the day after is outside and needs a reason.
    var experimental = SessionFixtures.session(schedule, "EXPERIMENTAL", 1);
    var id = (String) experimental.get("id");
    var lastDay = LocalDate.parse((String) experimental.get("windowEnd"));
    var late = lastDay.atTime(23, 0).atZone(LOS_ANGELES).toOffsetDateTime();
    var body =
        new HashMap<String, Object>(
            Map.of(
                "room",
                unique("room"),
                "startsAt",
                late.plusHours(2).toString(),
                "endsAt",
                late.plusHours(3).toString(),
                "therapists",
                List.of(Therapists.fresh(), Therapists.fresh())));
    as("coordinator.sf")
        .contentType(ContentType.JSON)
        .body(body)
        .put("/api/sessions/visits/{id}/booking", id)
        .then()
        .statusCode(422)
        .body("violations.field", hasItem("deviationReason"))
        .body("violations.message", hasItem(containsString("America/Los_Angeles")));
    body.put("startsAt", late.toString());
    body.put("endsAt", late.plusMinutes(50).toString());
    as("coordinator.sf")
        .contentType(ContentType.JSON)
        .body(body)
        .put("/api/sessions/visits/{id}/booking", id)
        .then()
        .statusCode(200);
    assertThat(count("select count(*) from protocol_deviation where session_id = ?::uuid", id))
        .isZero();
  }

  // ------------------------------------------------------------------ dose time

  @Test
  void aDoseIsGivenAfterItsChecksAndNotInTheFuture() throws Exception {
    var code = newParticipant();
    randomized(SessionFixtures.TRIAL, code);
    var id = ready(code, 1);
    var before = dose(id, 80, false, Instant.now().minus(Duration.ofMinutes(10)));
    refused(before, 422, "SES-0422-DOSE-TIME", "before the pre-dose checks");
    before.body("violations.field", hasItem("administeredAt"));
    refused(
        dose(id, 80, false, Instant.now().plus(Duration.ofMinutes(10))),
        422,
        "SES-0422-DOSE-TIME",
        "future");
    assertThat(doses(code)).isZero();
    dose(id, 80, false).statusCode(201).body("late", equalTo(false));
  }

  @Test
  void aLateEntryIsMarkedAndCannotMakeAnEarlySupplementalDoseLookOnTime() throws Exception {
    var code = newParticipant();
    randomized(SessionFixtures.TRIAL, code);
    var id = ready(code, 1);
    // The checks were done three hours ago; the initial dose is entered 100 minutes after it was
    // given.
    SessionFixtures.execute(
        "update pre_dose_check set checked_at = checked_at - interval '3 hours'"
            + " where session_id = ?::uuid",
        id);
    dose(id, 80, false, Instant.now().minus(Duration.ofMinutes(100)))
        .statusCode(201)
        .body("late", equalTo(true));
    // 100 minutes after the claimed time, but only 15 after the entry could vouch for it.
    var early = dose(id, 40, true);
    refused(early, 422, "SES-0422-DOSE", "regimen");
    early
        .body("violations.field", hasItem("administeredAt"))
        .body("violations.message", hasItem(containsString("entered late")));
    assertThat(doses(code)).isEqualTo(1);
  }

  // ------------------------------------------------------------------ pregnancy test

  private static Map<String, Object> notApplicable() {
    var checklist = new HashMap<>(SessionFixtures.passingChecklist());
    checklist.put("pregnancyTest", "NOT_APPLICABLE");
    return checklist;
  }

  @Test
  void notApplicableOnlyWithoutChildbearingPotential() throws Exception {
    var code = newParticipant();
    randomized(SessionFixtures.TRIAL, code);
    var id = checkedIn(code, 1);
    // Not recorded: "not applicable" is refused and nothing stored.
    checks(id, notApplicable())
        .statusCode(422)
        .body("code", equalTo("SES-0422-PRE-DOSE"))
        .body("violations.field", hasItem("pregnancyTest"));
    ScriptedParticipantDirectory.update(code, r -> r.setChildbearingPotential(true));
    checks(id, notApplicable()).statusCode(422).body("code", equalTo("SES-0422-PRE-DOSE"));
    ScriptedParticipantDirectory.unavailable = true;
    checks(id, notApplicable()).statusCode(503).body("code", equalTo("SES-0503-DIRECTORY"));
    ScriptedParticipantDirectory.unavailable = false;
    assertThat(count("select count(*) from pre_dose_check where session_id = ?::uuid", id))
        .isZero();

    // Recorded as not of childbearing potential: accepted, and the dose follows.
    ScriptedParticipantDirectory.update(code, r -> r.setChildbearingPotential(false));
    checks(id, notApplicable()).statusCode(200);
    dose(id, 80, false).statusCode(201);
  }

  @Test
  void aDoseAfterNotApplicableIsRefusedOnceChildbearingPotentialIsRecorded() throws Exception {
    var code = newParticipant();
    randomized(SessionFixtures.TRIAL, code);
    var id = checkedIn(code, 1);
    ScriptedParticipantDirectory.update(code, r -> r.setChildbearingPotential(false));
    checks(id, notApplicable()).statusCode(200);
    // Corrected at recruitment-service after the checks: the dose needs a negative test.
    ScriptedParticipantDirectory.update(code, r -> r.setChildbearingPotential(true));
    refused(dose(id, 80, false), 422, "SES-0422-PREGNANCY", "NOT_APPLICABLE");
    assertThat(doses(code)).isZero();
  }
}

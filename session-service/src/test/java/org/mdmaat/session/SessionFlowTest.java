package org.mdmaat.session;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.mdmaat.session.SessionFixtures.SF;
import static org.mdmaat.session.SessionFixtures.TRIAL;
import static org.mdmaat.session.SessionFixtures.as;
import static org.mdmaat.session.SessionFixtures.awaitSchedule;
import static org.mdmaat.session.SessionFixtures.booking;
import static org.mdmaat.session.SessionFixtures.count;
import static org.mdmaat.session.SessionFixtures.newParticipant;
import static org.mdmaat.session.SessionFixtures.passingChecklist;
import static org.mdmaat.session.SessionFixtures.randomize;
import static org.mdmaat.session.SessionFixtures.readyToDose;
import static org.mdmaat.session.SessionFixtures.session;
import static org.mdmaat.session.SessionFixtures.unique;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mdmaat.contracts.grpc.recruitment.DosingRegimen;
import org.mdmaat.contracts.grpc.recruitment.RegimenKind;
import org.mdmaat.contracts.grpc.recruitment.VisitTemplate;
import org.mdmaat.contracts.grpc.session.MutinyTreatmentTeamGrpc.MutinyTreatmentTeamStub;
import org.mdmaat.contracts.grpc.session.TreatmentTeamRequest;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.session.dosing.SelfServedGatePort;
import org.mdmaat.session.testing.CallingAs;

/**
 * A participant's way through session-service: schedule from randomization, bookings, the dosing
 * lifecycle, doses with their dispense, the treatment team, withdrawal.
 */
@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @io.quarkus.test.common.ResourceArg(name = "database", value = "session"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedGatePort.class)
class SessionFlowTest {
  @Inject ObjectMapper json;

  @GrpcClient("treatment-team-test")
  MutinyTreatmentTeamStub anyCaller;

  /** As outcomes-service calls it: with its own token. */
  MutinyTreatmentTeamStub team;

  @BeforeEach
  void asOutcomesService() {
    team = CallingAs.service(anyCaller, "outcomes-service");
  }

  @Test
  void randomizationGeneratesTheScheduleOnceWithEventsAndSiteScoping() throws Exception {
    var code = newParticipant();
    randomize(json, code, SF, TRIAL);
    var schedule = awaitSchedule(code, "coordinator.sf");
    assertThat(schedule).hasSize(36);
    var first = session(schedule, "EXPERIMENTAL", 1);
    var today = LocalDate.now(java.time.ZoneId.of("America/Los_Angeles"));
    assertThat(first.get("targetDate")).isEqualTo(today.plusDays(21).toString());
    assertThat(first.get("windowStart")).isEqualTo(today.plusDays(14).toString());
    assertThat(first.get("windowEnd")).isEqualTo(today.plusDays(28).toString());
    assertThat(first.get("status")).isEqualTo("SCHEDULED");
    assertThat(
            count(
                "select count(*) from outbox_event where type = ? and message_key = ?",
                "org.mdmaat.session.SessionScheduled",
                code))
        .isEqualTo(36);
    assertThat(count("select count(*) from participant where participant_code = ?", code))
        .isEqualTo(1);

    // A second randomization event for the same participant changes nothing; one that names
    // another site contradicts what is known: it is not applied, and it is counted (and parked).
    randomize(json, code, SF, TRIAL);
    randomize(json, code, "US-BOS-02", TRIAL);
    // (The scripted directory, changed by that call, knows the participant at SF again.)
    ScriptedParticipantDirectory.register(
        code, TRIAL, SF, org.mdmaat.contracts.grpc.recruitment.ParticipantStatus.RANDOMIZED, 70);
    var marker = newParticipant();
    randomize(json, marker, SF, TRIAL);
    awaitSchedule(marker, "coordinator.sf");
    assertThat(count("select count(*) from protocol_session where participant_code = ?", code))
        .isEqualTo(36);
    assertThat(
            count(
                "select count(*) from participant where participant_code = ? and site_code = ?",
                code,
                SF))
        .isEqualTo(1);
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(io.restassured.RestAssured.get("/q/metrics").asString())
                    .containsPattern("mdmaat_events_conflicting_total\\{[^}]*\\} [1-9]"));

    // Paged.
    as("therapist.sf1")
        .queryParam("page", 1)
        .queryParam("size", 10)
        .get("/api/sessions/participants/{code}/schedule", code)
        .then()
        .statusCode(200)
        .body("items", hasSize(10))
        .body("total", equalTo(36))
        .body("page", equalTo(1))
        .body("paging", equalTo("page"));
    // Scoping: another site's coordinator sees nothing; a rater has no business here.
    as("coordinator.bos")
        .get("/api/sessions/participants/{code}/schedule", code)
        .then()
        .statusCode(404)
        .contentType(startsWith("application/problem+json"));
    as("coordinator.bos").get("/api/sessions/visits/{id}", first.get("id")).then().statusCode(404);
    as("rater.sf").get("/api/sessions/participants/{code}/schedule", code).then().statusCode(403);

    // The site's sessions by target date.
    var target = (String) first.get("targetDate");
    as("coordinator.sf")
        .queryParam("from", target)
        .queryParam("to", target)
        .queryParam("status", "SCHEDULED")
        .queryParam("size", 200)
        .get("/api/sessions/sites/{site}/visits", SF)
        .then()
        .statusCode(200)
        .body("items.id", hasItem(first.get("id")))
        .body("items.targetDate", org.hamcrest.Matchers.everyItem(equalTo(target)));
    as("coordinator.bos")
        .queryParam("from", target)
        .queryParam("to", target)
        .get("/api/sessions/sites/{site}/visits", SF)
        .then()
        .statusCode(404);
    as("coordinator.sf")
        .queryParam("from", "tomorrow")
        .queryParam("to", target)
        .get("/api/sessions/sites/{site}/visits", SF)
        .then()
        .statusCode(400)
        .body("violations.field", contains("from"));
    // Another site's visits are a 404 before their dates are read.
    as("coordinator.bos")
        .queryParam("from", "tomorrow")
        .queryParam("to", target)
        .get("/api/sessions/sites/{site}/visits", SF)
        .then()
        .statusCode(404);
    given().get("/api/sessions/participants/{code}/schedule", code).then().statusCode(401);
  }

  @Test
  void otherEventTypesAreSkippedAndPoisonIsParked() throws Exception {
    var poison = "not an envelope " + UUID.randomUUID();
    SessionFixtures.send("recruitment.participants", "x", poison);
    var enrolled =
        json.writeValueAsString(
            org.mdmaat.contracts.events.EventEnvelope.of(
                org.mdmaat.contracts.events.EventTypes.PARTICIPANT_ENROLLED,
                "recruitment-service",
                TRIAL,
                "P-ENROLLED",
                json.valueToTree(
                    new org.mdmaat.contracts.events.ParticipantEnrolled(
                        "P-ENROLLED", TRIAL, SF, Instant.now()))));
    SessionFixtures.send("recruitment.participants", "P-ENROLLED", enrolled);
    var code = newParticipant();
    randomize(json, code, SF, TRIAL);
    awaitSchedule(code, "coordinator.sf");
    assertThat(count("select count(*) from participant where participant_code = 'P-ENROLLED'"))
        .isZero();
    assertThat(SessionFixtures.deadLetters("recruitment.participants")).contains(poison);
  }

  @Test
  void bookingRulesRoomsTherapistsAndWindows() throws Exception {
    var code = newParticipant();
    randomize(json, code, SF, TRIAL);
    var schedule = awaitSchedule(code, "coordinator.sf");
    var experimental = session(schedule, "EXPERIMENTAL", 1);
    var id = (String) experimental.get("id");
    var day = LocalDate.parse((String) experimental.get("targetDate"));
    var room = unique("room");
    var alice = Therapists.fresh();
    var bob = Therapists.fresh();

    // A dosing session needs two therapists.
    as("coordinator.sf")
        .contentType(ContentType.JSON)
        .body(booking(day, room, alice))
        .put("/api/sessions/visits/{id}/booking", id)
        .then()
        .statusCode(422)
        .contentType(startsWith("application/problem+json"))
        .body("violations.field", hasItem("therapists"));
    // Outside the window without a reason: refused; nothing recorded.
    as("coordinator.sf")
        .contentType(ContentType.JSON)
        .body(booking(day.plusDays(10), room, alice, bob))
        .put("/api/sessions/visits/{id}/booking", id)
        .then()
        .statusCode(422)
        .body("violations.field", hasItem("deviationReason"));
    // Only a site coordinator books, only at their site.
    as("therapist.sf1")
        .contentType(ContentType.JSON)
        .body(booking(day, room, alice, bob))
        .put("/api/sessions/visits/{id}/booking", id)
        .then()
        .statusCode(403);
    as("coordinator.bos")
        .contentType(ContentType.JSON)
        .body(booking(day, room, alice, bob))
        .put("/api/sessions/visits/{id}/booking", id)
        .then()
        .statusCode(404);
    // Unknown fields and malformed times are 400.
    var unknownField = booking(day, room, alice, bob);
    unknownField.put("colour", "blue");
    as("coordinator.sf")
        .contentType(ContentType.JSON)
        .body(unknownField)
        .put("/api/sessions/visits/{id}/booking", id)
        .then()
        .statusCode(400);

    as("coordinator.sf")
        .contentType(ContentType.JSON)
        .body(booking(day, room, alice, bob))
        .put("/api/sessions/visits/{id}/booking", id)
        .then()
        .statusCode(200)
        .body("room", equalTo(room))
        .body("therapists", contains(alice, bob))
        // 09:00 at -05:00 is stored as 14:00 UTC.
        .body("startsAt", equalTo(day + "T14:00:00Z"));

    // Another participant's session in the same room, overlapping: 409. Same for a therapist.
    var other = newParticipant();
    randomize(json, other, SF, TRIAL);
    var otherSchedule = awaitSchedule(other, "coordinator.sf");
    var otherId = (String) session(otherSchedule, "EXPERIMENTAL", 1).get("id");
    as("coordinator.sf")
        .contentType(ContentType.JSON)
        .body(booking(day, room, Therapists.fresh(), Therapists.fresh()))
        .put("/api/sessions/visits/{id}/booking", otherId)
        .then()
        .statusCode(409)
        .body("code", equalTo("SES-0409-ROOM"));
    as("coordinator.sf")
        .contentType(ContentType.JSON)
        .body(booking(day, unique("room"), Therapists.fresh(), bob))
        .put("/api/sessions/visits/{id}/booking", otherId)
        .then()
        .statusCode(409)
        .body("code", equalTo("SES-0409-THERAPIST"))
        .body("detail", containsString(bob));
    // Back to back is not overlapping.
    var after = booking(day, room, Therapists.fresh(), bob);
    var starts = day.atTime(14, 0).atOffset(ZoneOffset.UTC).plusHours(8);
    after.put("startsAt", starts.toString());
    after.put("endsAt", starts.plusHours(8).toString());
    as("coordinator.sf")
        .contentType(ContentType.JSON)
        .body(after)
        .put("/api/sessions/visits/{id}/booking", otherId)
        .then()
        .statusCode(200);

    // Outside the window with a reason: booked, and a protocol deviation recorded and announced.
    var integration = (String) session(schedule, "INTEGRATION", 1).get("id");
    var late = booking(day.plusDays(20), unique("room"), alice);
    late.put("deviationReason", "participant travelling");
    as("coordinator.sf")
        .contentType(ContentType.JSON)
        .body(late)
        .put("/api/sessions/visits/{id}/booking", integration)
        .then()
        .statusCode(200);
    assertThat(
            count(
                "select count(*) from outbox_event where type = ? and message_key = ?",
                "org.mdmaat.session.ProtocolDeviationRecorded",
                code))
        .isEqualTo(1);
    as("investigator.sf")
        .queryParam("siteCode", SF)
        .queryParam("size", 200)
        .get("/api/sessions/deviations")
        .then()
        .statusCode(200)
        .body("items.findAll { it.participantCode == '" + code + "' }", hasSize(1))
        .body(
            "items.find { it.participantCode == '" + code + "' }.category",
            equalTo("SESSION_OUTSIDE_WINDOW"));
    as("coordinator.bos")
        .queryParam("siteCode", SF)
        .get("/api/sessions/deviations")
        .then()
        .statusCode(404);
    as("pharmacist.sf")
        .queryParam("siteCode", SF)
        .get("/api/sessions/deviations")
        .then()
        .statusCode(403);
    assertThat(
            count("select count(*) from audit_entry where entity_id = ? and action = 'BOOK'", id))
        .isEqualTo(1);
  }

  @Test
  void concurrentBookingsOfOneRoomLetExactlyOneThrough() throws Exception {
    var a = newParticipant();
    var b = newParticipant();
    randomize(json, a, SF, TRIAL);
    randomize(json, b, SF, TRIAL);
    var first = session(awaitSchedule(a, "coordinator.sf"), "EXPERIMENTAL", 1);
    var second = (String) session(awaitSchedule(b, "coordinator.sf"), "EXPERIMENTAL", 1).get("id");
    var day = LocalDate.parse((String) first.get("targetDate"));
    var room = unique("room");
    var start = new java.util.concurrent.CountDownLatch(1);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      var results = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
      for (var id : java.util.List.of((String) first.get("id"), second)) {
        // Token fetched before the start line, so both requests leave together.
        var request =
            as("coordinator.sf")
                .contentType(ContentType.JSON)
                .body(booking(day, room, Therapists.fresh(), Therapists.fresh()));
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return request.put("/api/sessions/visits/{id}/booking", id).statusCode();
                }));
      }
      start.countDown();
      var statuses = new java.util.ArrayList<Integer>();
      for (var result : results) {
        statuses.add(result.get());
      }
      assertThat(statuses).containsExactlyInAnyOrder(200, 409);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aDosingSessionRunsItsLifecycleWithDosesDispensesAndEvents() throws Exception {
    var code = newParticipant();
    var id = readyToDose(json, code, "therapist.sf1", "therapist.sf2");

    // Not yet dosed: no monitoring.
    as("therapist.sf1")
        .post("/api/sessions/visits/{id}/monitoring", id)
        .then()
        .statusCode(409)
        .body("code", equalTo("SES-0409"));
    // The first session's initial dose is 80 mg: 120 breaks the regimen.
    as("investigator.sf")
        .contentType(ContentType.JSON)
        .body(Map.of("mgHcl", 120, "supplemental", false))
        .post("/api/sessions/visits/{id}/doses", id)
        .then()
        .statusCode(422)
        .body("code", equalTo("SES-0422-DOSE"))
        .body("violations.field", hasItem("mgHcl"));

    as("therapist.sf1")
        .contentType(ContentType.JSON)
        .body(Map.of("mgHcl", 80, "supplemental", false))
        .post("/api/sessions/visits/{id}/doses", id)
        .then()
        .statusCode(201)
        .body("mgHcl", equalTo(80.0f))
        .body("mgBase", equalTo(67.22f))
        .body("kitCode", equalTo("KIT-" + code))
        .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("arm")));

    // 100 minutes pass. Supplemental: too early, wrong amount, then right.
    SessionFixtures.timePasses(id, java.time.Duration.ofMinutes(100));
    var initialAt = OffsetDateTime.now(ZoneOffset.ofHours(2)).minusMinutes(100);
    as("therapist.sf2")
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "mgHcl",
                40,
                "supplemental",
                true,
                "administeredAt",
                initialAt.plusMinutes(30).toString()))
        .post("/api/sessions/visits/{id}/doses", id)
        .then()
        .statusCode(422)
        .body("violations.field", contains("administeredAt"));
    as("therapist.sf2")
        .contentType(ContentType.JSON)
        .body(Map.of("mgHcl", 60, "supplemental", true))
        .post("/api/sessions/visits/{id}/doses", id)
        .then()
        .statusCode(422)
        .body("violations.field", contains("mgHcl"));
    as("therapist.sf2")
        .contentType(ContentType.JSON)
        .body(Map.of("mgHcl", 40, "supplemental", true))
        .post("/api/sessions/visits/{id}/doses", id)
        .then()
        .statusCode(201)
        .body("mgBase", equalTo(33.61f));
    // Only once.
    as("therapist.sf2")
        .contentType(ContentType.JSON)
        .body(Map.of("mgHcl", 40, "supplemental", true))
        .post("/api/sessions/visits/{id}/doses", id)
        .then()
        .statusCode(422)
        .body("detail", containsString("only one"));

    as("therapist.sf1")
        .get("/api/sessions/visits/{id}/doses", id)
        .then()
        .statusCode(200)
        .body("supplemental", contains(false, true));
    assertThat(
            count(
                "select count(*) from kit_movement where kit_code = ? and kind = 'DISPENSED'"
                    + " and dose_id is not null",
                "KIT-" + code))
        .isEqualTo(2);
    assertThat(
            count(
                "select count(*) from outbox_event where type = ? and message_key = ?",
                "org.mdmaat.session.DoseAdministered",
                code))
        .isEqualTo(2);

    as("therapist.sf1").post("/api/sessions/visits/{id}/monitoring", id).then().statusCode(200);
    as("rater.sf").post("/api/sessions/visits/{id}/completion", id).then().statusCode(403);
    as("therapist.bos1").post("/api/sessions/visits/{id}/completion", id).then().statusCode(404);
    as("therapist.sf1")
        .post("/api/sessions/visits/{id}/completion", id)
        .then()
        .statusCode(200)
        .body("status", equalTo("COMPLETED"));
    as("therapist.sf1")
        .contentType(ContentType.JSON)
        .body(Map.of("reason", "too late"))
        .post("/api/sessions/visits/{id}/abort", id)
        .then()
        .statusCode(409);
    assertThat(
            count(
                "select count(*) from outbox_event where type = ? and message_key = ?",
                "org.mdmaat.session.SessionCompleted",
                code))
        .isEqualTo(1);
    // Every transition audited: check-in, checks, dosed, supplemental, monitoring, completed.
    assertThat(
            count(
                "select count(*) from audit_entry where entity_id = ? and action = 'TRANSITION'",
                id))
        .isEqualTo(6);

    // The treatment team: both booked therapists.
    var reply =
        team.getTreatmentTeam(TreatmentTeamRequest.newBuilder().setParticipantCode(code).build())
            .await()
            .atMost(Duration.ofSeconds(10));
    assertThat(reply.getTherapistsList()).containsExactly("therapist.sf1", "therapist.sf2");
    assertThat(
            team.getTreatmentTeam(
                    TreatmentTeamRequest.newBuilder().setParticipantCode("P-NOBODY").build())
                .await()
                .atMost(Duration.ofSeconds(10))
                .getTherapistsList())
        .isEmpty();
  }

  @Test
  void failedPreDoseItemsAreNamedAndNothingIsStored() throws Exception {
    var code = newParticipant();
    randomize(json, code, SF, TRIAL);
    var schedule = awaitSchedule(code, "coordinator.sf");
    var experimental = session(schedule, "EXPERIMENTAL", 1);
    var id = (String) experimental.get("id");
    // Not booked: no check-in.
    as("therapist.sf1")
        .post("/api/sessions/visits/{id}/check-in", id)
        .then()
        .statusCode(422)
        .body("code", equalTo("SES-0422-BOOKING"));
    as("coordinator.sf")
        .contentType(ContentType.JSON)
        .body(
            booking(
                LocalDate.parse((String) experimental.get("targetDate")),
                unique("room"),
                Therapists.fresh(),
                Therapists.fresh()))
        .put("/api/sessions/visits/{id}/booking", id)
        .then()
        .statusCode(200);
    // Checks before check-in: illegal.
    as("therapist.sf1")
        .contentType(ContentType.JSON)
        .body(passingChecklist())
        .post("/api/sessions/visits/{id}/pre-dose-checks", id)
        .then()
        .statusCode(409);
    as("therapist.sf1").post("/api/sessions/visits/{id}/check-in", id).then().statusCode(200);

    var failing = passingChecklist();
    failing.put("systolic", 160);
    failing.put("temperatureC", 38.0);
    failing.put("pregnancyTest", "POSITIVE");
    failing.put("abstinenceAttested", false);
    failing.put("cssrsScreen", "POSITIVE");
    failing.put("consentCurrent", false);
    failing.put("diastolic", 110);
    failing.put("heartRate", 120);
    as("therapist.sf1")
        .contentType(ContentType.JSON)
        .body(failing)
        .post("/api/sessions/visits/{id}/pre-dose-checks", id)
        .then()
        .statusCode(422)
        .body("code", equalTo("SES-0422-PRE-DOSE"))
        .body(
            "violations.field",
            org.hamcrest.Matchers.containsInAnyOrder(
                "abstinenceAttested",
                "pregnancyTest",
                "systolic",
                "diastolic",
                "heartRate",
                "temperatureC",
                "cssrsScreen",
                "consentCurrent"));
    var justHighBp = passingChecklist();
    justHighBp.put("systolic", 171);
    as("therapist.sf1")
        .contentType(ContentType.JSON)
        .body(justHighBp)
        .post("/api/sessions/visits/{id}/pre-dose-checks", id)
        .then()
        .statusCode(422)
        .body("violations.field", contains("systolic"));
    var missing = passingChecklist();
    missing.remove("consentCurrent");
    as("therapist.sf1")
        .contentType(ContentType.JSON)
        .body(missing)
        .post("/api/sessions/visits/{id}/pre-dose-checks", id)
        .then()
        .statusCode(400);
    assertThat(count("select count(*) from pre_dose_check where session_id = ?::uuid", id))
        .isZero();
    as("therapist.sf1")
        .get("/api/sessions/visits/{id}", id)
        .then()
        .statusCode(200)
        .body("status", equalTo("CHECKED_IN"));

    // Abort needs a reason, and keeps it.
    as("investigator.sf")
        .contentType(ContentType.JSON)
        .body(Map.of("reason", " "))
        .post("/api/sessions/visits/{id}/abort", id)
        .then()
        .statusCode(400);
    as("investigator.sf")
        .contentType(ContentType.JSON)
        .body(Map.of("reason", "participant unwell"))
        .post("/api/sessions/visits/{id}/abort", id)
        .then()
        .statusCode(200)
        .body("status", equalTo("ABORTED"))
        .body("statusReason", equalTo("participant unwell"));
  }

  @Test
  void theTrialsOwnVisitTemplateAndWeightBasedRegimenApply() throws Exception {
    var trial = unique("WB");
    ScriptedParticipantDirectory.PROTOCOLS.put(
        trial,
        ScriptedParticipantDirectory.mapp(trial)
            .setVisitTemplate(
                VisitTemplate.newBuilder()
                    .setPreparationSessions(1)
                    .setExperimentalSessions(1)
                    .setExperimentalIntervalDays(28)
                    .setExperimentalWindowDays(3)
                    .setIntegrationSessionsPerExperimental(1)
                    .setIntegrationIntervalDays(7)
                    .setFollowUpContactsPerExperimental(2))
            .setRegimen(
                DosingRegimen.newBuilder()
                    .setKind(RegimenKind.WEIGHT_BASED)
                    .setMinMgPerKg(1.0)
                    .setMaxMgPerKg(1.5)
                    .setCapMgHclPerDose(100)
                    .setSupplementalFraction(0.5)
                    .setSupplementalEarliestMinutes(60)
                    .setSupplementalLatestMinutes(90)
                    .setMaxMgHclPerSession(150))
            .build());
    var code = newParticipant();
    var id = SessionFixtures.readyToDoseIn(json, trial, code);
    var schedule = awaitSchedule(code, "coordinator.sf");
    assertThat(schedule).hasSize(1 + 1 + 1 + 2);
    var experimental = session(schedule, "EXPERIMENTAL", 1);
    var target = LocalDate.parse((String) experimental.get("targetDate"));
    assertThat(experimental.get("windowEnd")).isEqualTo(target.plusDays(3).toString());

    // 70 kg (scripted): 70 to 105 mg HCl, capped at 100. The MAPP 80 mg rule does not apply.
    as("therapist.sf1")
        .contentType(ContentType.JSON)
        .body(Map.of("mgHcl", 105, "supplemental", false))
        .post("/api/sessions/visits/{id}/doses", id)
        .then()
        .statusCode(422)
        .body("detail", containsString("regimen"))
        .body("violations.message", hasItem(containsString("cap")));
    as("therapist.sf1")
        .contentType(ContentType.JSON)
        .body(Map.of("mgHcl", 60, "supplemental", false))
        .post("/api/sessions/visits/{id}/doses", id)
        .then()
        .statusCode(422)
        .body("violations.message", hasItem(containsString("mg/kg")));
    as("therapist.sf1")
        .contentType(ContentType.JSON)
        .body(Map.of("mgHcl", 70, "supplemental", false))
        .post("/api/sessions/visits/{id}/doses", id)
        .then()
        .statusCode(201)
        .body("mgBase", equalTo(58.82f));
    SessionFixtures.timePasses(id, java.time.Duration.ofMinutes(75));
    // The trial's window is 60-90 minutes: 75 minutes later is inside it.
    as("therapist.sf1")
        .contentType(ContentType.JSON)
        .body(Map.of("mgHcl", 35, "supplemental", true))
        .post("/api/sessions/visits/{id}/doses", id)
        .then()
        .statusCode(201);
  }

  @Test
  void aWithdrawalCancelsSessionsNotYetBegun() throws Exception {
    var code = newParticipant();
    var dosing = readyToDose(json, code);
    SessionFixtures.withdraw(json, code, SF);
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(
                        count(
                            "select count(*) from protocol_session where participant_code = ?"
                                + " and status = 'CANCELLED'",
                            code))
                    .isEqualTo(35));
    // The session already under way is left to the investigator.
    as("therapist.sf1")
        .get("/api/sessions/visits/{id}", dosing)
        .then()
        .body("status", equalTo("PRE_DOSE_CHECKS_PASSED"))
        .body("statusReason", nullValue());
    // And no dose is given to a withdrawn participant, even while recruitment still says otherwise.
    as("therapist.sf1")
        .contentType(ContentType.JSON)
        .body(Map.of("mgHcl", 80, "supplemental", false))
        .post("/api/sessions/visits/{id}/doses", dosing)
        .then()
        .statusCode(422)
        .body("code", equalTo("SES-0422-PARTICIPANT"));
    assertThat(count("select count(*) from dose where participant_code = ?", code)).isZero();
    assertThat(
            count(
                "select count(*) from audit_entry where participant_code = ?"
                    + " and entity_type = 'ProtocolSession' and reason like 'ParticipantWithdrawn%'",
                code))
        .isEqualTo(35);
  }

  @Test
  void aDoseRetriedWithItsIdempotencyKeyIsGivenAndDispensedOnce() throws Exception {
    var code = newParticipant();
    // Fresh therapists: sf1 and sf2 are booked on the same day by the lifecycle test.
    var id = readyToDose(json, code);
    var key = java.util.UUID.randomUUID().toString();
    String doseId =
        as("therapist.sf1")
            .contentType(ContentType.JSON)
            .header("Idempotency-Key", key)
            .body(Map.of("mgHcl", 80, "supplemental", false))
            .post("/api/sessions/visits/{id}/doses", id)
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    // The answer was lost and the tablet sends the dose again: the same dose, not a second one.
    as("therapist.sf1")
        .contentType(ContentType.JSON)
        .header("Idempotency-Key", key)
        .body(Map.of("mgHcl", 80, "supplemental", false))
        .post("/api/sessions/visits/{id}/doses", id)
        .then()
        .statusCode(201)
        .header("Idempotency-Replayed", "true")
        .body("id", equalTo(doseId));
    as("therapist.sf1")
        .get("/api/sessions/visits/{id}/doses", id)
        .then()
        .statusCode(200)
        .body("size()", equalTo(1));
    assertThat(
            count(
                "select count(*) from kit_movement where kit_code = ? and kind = 'DISPENSED'"
                    + " and dose_id is not null",
                "KIT-" + code))
        .isEqualTo(1);
  }
}

package org.mdmaat.safety.adverse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.mdmaat.safety.testing.Api.SF;
import static org.mdmaat.safety.testing.Api.as;
import static org.mdmaat.safety.testing.Api.participantAt;
import static org.mdmaat.safety.testing.Api.signing;
import static org.mdmaat.safety.testing.Api.trialOf;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.SeriousAdverseEventReported;
import org.mdmaat.contracts.events.Topics;
import org.mdmaat.contracts.events.TrialEnrollmentPaused;
import org.mdmaat.contracts.grpc.safety.DosingClearanceRequest;
import org.mdmaat.contracts.grpc.safety.SafetyGate;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.safety.hold.SelfServedPort;
import org.mdmaat.safety.testing.Api;
import org.mdmaat.safety.testing.CallingAs;
import org.mdmaat.safety.testing.ScriptedParticipantDirectory;

@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "safety"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedPort.class)
class AdverseEventResourceTest {
  @Inject ObjectMapper json;

  @GrpcClient("safety-gate")
  SafetyGate anyCaller;

  /** As session-service calls it: with its own token. */
  SafetyGate gate;

  @BeforeEach
  void asSessionService() {
    gate = CallingAs.service(anyCaller, "session-service");
  }

  static Map<String, Object> event(
      String term,
      String category,
      int grade,
      List<String> seriousness,
      String relatedness,
      boolean expected,
      String outcome) {
    var e = new HashMap<String, Object>();
    e.put("term", term);
    e.put("category", category);
    e.put("onset", OffsetDateTime.now(ZoneOffset.ofHours(-5)).minusHours(3).toString());
    e.put("awareness", OffsetDateTime.now(ZoneOffset.ofHours(-5)).minusHours(1).toString());
    e.put("grade", grade);
    e.put("seriousness", seriousness);
    e.put("relatedness", relatedness);
    e.put("expected", expected);
    e.put("outcome", outcome);
    return e;
  }

  /** A rule counting the whole trial that pauses enrollment. */
  static Map<String, Object> rule(
      String nameKey, String name, String countKey, int count, String reasonKey, String reason) {
    return Map.of(
        nameKey,
        name,
        countKey,
        count,
        "countBy",
        "TRIAL",
        "suspends",
        List.of("ENROLLMENT"),
        reasonKey,
        reason);
  }

  static Map<String, Object> report(String participant, Map<String, Object> event) {
    return Map.of("participantCode", participant, "sessionId", "S-1", "event", event);
  }

  /** A follow-up signed by its investigator with meaning {@code RESPONSIBILITY}. */
  static Map<String, Object> followUp(Map<String, Object> event, String reason) {
    return Map.of(
        "event", event, "reason", reason, "signature", Map.of("meaning", "RESPONSIBILITY"));
  }

  static String reportOk(String user, String participant, Map<String, Object> event) {
    return as(user)
        .body(report(participant, event))
        .when()
        .post("/api/safety/adverse-events")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private boolean cleared(String participant) {
    return gate.checkDosingClearance(
            DosingClearanceRequest.newBuilder().setParticipantCode(participant).build())
        .await()
        .atMost(Duration.ofSeconds(10))
        .getCleared();
  }

  private static LocalDate todayUtc() {
    return LocalDate.now(ZoneOffset.UTC);
  }

  @Test
  void aPositiveAbuseRelatedEventIsCapturedWithoutHoldingDosing() {
    var participant = participantAt(SF);
    var id =
        reportOk(
            "therapist.sf1",
            participant,
            event(
                "euphoria", "POSITIVE_ABUSE_RELATED", 1, List.of(), "PROBABLE", true, "RECOVERED"));
    as("investigator.sf")
        .when()
        .get("/api/safety/adverse-events/{id}", id)
        .then()
        .statusCode(200)
        .body("categories", equalTo(List.of("POSITIVE_ABUSE_RELATED")))
        .body("serious", equalTo(false))
        .body("expeditedReportRequired", equalTo(false))
        .body("trialId", equalTo(trialOf(participant)))
        .body("siteCode", equalTo(SF));
    assertThat(cleared(participant)).isTrue();
  }

  @Test
  void aSeriousUnexpectedRelatedEventIsAnnouncedHoldsDosingAndOwesAReportIn15Days()
      throws Exception {
    var participant = participantAt(SF);
    var id =
        reportOk(
            "investigator.sf",
            participant,
            event(
                "hypertensive crisis",
                "CARDIOVASCULAR",
                3,
                List.of("HOSPITALIZATION"),
                "PROBABLE",
                false,
                "RECOVERING"));
    as("investigator.sf")
        .when()
        .get("/api/safety/adverse-events/{id}", id)
        .then()
        .statusCode(200)
        .body("serious", equalTo(true))
        .body("expeditedReportRequired", equalTo(true))
        .body("expeditedReportDue", equalTo(todayUtc().plusDays(15).toString()));
    assertThat(cleared(participant)).isFalse();

    var events =
        Api.events(
            json, Topics.SAFETY_SIGNALS, participant, EventTypes.SERIOUS_ADVERSE_EVENT_REPORTED, 1);
    var sae = json.treeToValue(events.get(0).data(), SeriousAdverseEventReported.class);
    assertThat(sae.adverseEventId()).isEqualTo(id);
    assertThat(sae.unexpected()).isTrue();
    assertThat(sae.related()).isTrue();
    assertThat(sae.expeditedReportDue()).isEqualTo(todayUtc().plusDays(15));
    Api.events(json, Topics.DOSING_HOLDS, participant, EventTypes.DOSING_HOLD_PLACED, 1);
  }

  @Test
  void aLifeThreateningOneIsDueIn7DaysAndAnExpectedOneOwesNoReport() {
    var participant = participantAt(SF);
    var urgent =
        reportOk(
            "investigator.sf",
            participant,
            event(
                "serotonin syndrome",
                "NEUROLOGICAL",
                4,
                List.of("LIFE_THREATENING"),
                "DEFINITE",
                false,
                "RECOVERING"));
    as("investigator.sf")
        .when()
        .get("/api/safety/adverse-events/{id}", urgent)
        .then()
        .body("expeditedReportDue", equalTo(todayUtc().plusDays(7).toString()));

    var expected =
        reportOk(
            "investigator.sf",
            participant,
            event(
                "anxiety",
                "PSYCHIATRIC",
                3,
                List.of("IMPORTANT_MEDICAL_EVENT"),
                "PROBABLE",
                true,
                "RECOVERED"));
    as("investigator.sf")
        .when()
        .get("/api/safety/adverse-events/{id}", expected)
        .then()
        .body("serious", equalTo(true))
        .body("expeditedReportRequired", equalTo(false))
        .body("expeditedReportDue", nullValue());
  }

  @Test
  void followUpsKeepEveryVersionAndAnEventTurningSeriousHoldsDosing() {
    var participant = participantAt(SF);
    var id =
        reportOk(
            "therapist.sf1",
            participant,
            event(
                "elevated liver enzymes",
                "HEPATIC",
                2,
                List.of(),
                "POSSIBLE",
                false,
                "NOT_RECOVERED"));
    assertThat(cleared(participant)).isTrue();

    var worse =
        event(
            "elevated liver enzymes",
            "HEPATIC",
            3,
            List.of("HOSPITALIZATION"),
            "POSSIBLE",
            false,
            "NOT_RECOVERED");
    as("therapist.sf1")
        .body(followUp(worse, "ALT 8x ULN, admitted"))
        .when()
        .post("/api/safety/adverse-events/{id}/follow-ups", id)
        .then()
        .statusCode(403);
    signing("investigator.sf")
        .body(followUp(worse, "ALT 8x ULN, admitted"))
        .when()
        .post("/api/safety/adverse-events/{id}/follow-ups", id)
        .then()
        .statusCode(200)
        .body("version", equalTo(2))
        .body("grade", equalTo(3))
        .body("serious", equalTo(true))
        .body("expeditedReportDue", equalTo(todayUtc().plusDays(15).toString()));
    assertThat(cleared(participant)).isFalse();

    as("therapist.sf1")
        .when()
        .get("/api/safety/adverse-events/{id}/versions", id)
        .then()
        .statusCode(200)
        .body("version", equalTo(List.of(1, 2)))
        .body("[0].event.grade", equalTo(2))
        .body("[0].event.serious", equalTo(false))
        .body("[1].event.grade", equalTo(3))
        .body("[1].reason", equalTo("ALT 8x ULN, admitted"))
        .body("[0].signature", nullValue())
        .body("[1].signature.signerName", equalTo("Elena Marquez"));
    as("regulator.fda")
        .queryParam("entityId", id)
        .when()
        .get("/api/safety/audit")
        .then()
        .body("items.action", equalTo(List.of("CREATE", "UPDATE")))
        .body("items[1].before.grade", equalTo(2));
  }

  @Test
  void expeditedReportsAreListedAsDueOrOverdueUntilSubmitted() throws Throwable {
    var participant = participantAt(SF);
    var trial = trialOf(participant);
    as("sponsor.maps")
        .body(rule("name", "watch", "relatedSeriousEvents", 50, "reason", "DSMB charter"))
        .when()
        .post("/api/safety/trials/{t}/stopping-rules", trial)
        .then()
        .statusCode(201);
    var due =
        reportOk(
            "investigator.sf",
            participant,
            event(
                "syncope",
                "CARDIOVASCULAR",
                3,
                List.of("HOSPITALIZATION"),
                "POSSIBLE",
                false,
                "RECOVERED"));
    var late =
        reportOk(
            "investigator.sf",
            participant,
            event(
                "arrhythmia",
                "CARDIOVASCULAR",
                3,
                List.of("HOSPITALIZATION"),
                "POSSIBLE",
                false,
                "RECOVERED"));
    // Time passes for one of them: its due date lies behind us.
    VertxContextSupport.subscribeAndAwait(
        () ->
            Panache.withTransaction(
                () ->
                    AdverseEvent.update(
                        "expeditedDue = ?1 where id = ?2",
                        todayUtc().minusDays(2),
                        UUID.fromString(late))));

    as("sponsor.maps")
        .queryParam("status", "DUE")
        .when()
        .get("/api/safety/trials/{t}/expedited-reports", trial)
        .then()
        .statusCode(200)
        .body("items.id", equalTo(List.of(due)));
    as("investigator.sf")
        .queryParam("status", "OVERDUE")
        .when()
        .get("/api/safety/trials/{t}/expedited-reports", trial)
        .then()
        .statusCode(200)
        .body("items.id", equalTo(List.of(late)));
    as("investigator.bos")
        .when()
        .get("/api/safety/trials/{t}/expedited-reports", trial)
        .then()
        .statusCode(200)
        .body("total", equalTo(0));
    as("sponsor.northstar")
        .when()
        .get("/api/safety/trials/{t}/expedited-reports", trial)
        .then()
        .statusCode(404);
    as("sponsor.maps")
        .queryParam("status", "LATE")
        .when()
        .get("/api/safety/trials/{t}/expedited-reports", trial)
        .then()
        .statusCode(400)
        .body("violations.field", hasItem("status"));

    as("investigator.sf")
        .body(Map.of("reference", "IND-123456 SN0042"))
        .when()
        .post("/api/safety/adverse-events/{id}/expedited-report", late)
        .then()
        .statusCode(200)
        .body("expeditedReportReference", equalTo("IND-123456 SN0042"));
    as("investigator.sf")
        .body(Map.of("reference", "again"))
        .when()
        .post("/api/safety/adverse-events/{id}/expedited-report", late)
        .then()
        .statusCode(409);
    as("sponsor.maps")
        .when()
        .get("/api/safety/trials/{t}/expedited-reports", trial)
        .then()
        .body("items.id", equalTo(List.of(due)));
  }

  @Test
  void aStoppingRulePausesEnrollmentOnceWhenItsCountIsReached() throws Exception {
    var first = participantAt(SF);
    var trial = trialOf(first);
    var second = ScriptedParticipantDirectory.enrol(Api.code("P"), trial, SF);
    var third = ScriptedParticipantDirectory.enrol(Api.code("P"), trial, SF);

    as("sponsor.maps")
        .body(rule("name", "two-related-SAEs", "relatedSeriousEvents", 2, "reason", "charter"))
        .when()
        .post("/api/safety/trials/{t}/stopping-rules", trial)
        .then()
        .statusCode(201)
        .body("fired", equalTo(false));
    as("sponsor.northstar")
        .body(rule("name", "other", "relatedSeriousEvents", 1, "reason", "x"))
        .when()
        .post("/api/safety/trials/{t}/stopping-rules", trial)
        .then()
        .statusCode(404);
    as("sponsor.maps")
        .body(rule("name", "two-related-SAEs", "relatedSeriousEvents", 3, "reason", "dup"))
        .when()
        .post("/api/safety/trials/{t}/stopping-rules", trial)
        .then()
        .statusCode(409);

    // An unrelated serious event does not count.
    reportOk(
        "investigator.sf",
        first,
        event(
            "fracture",
            "OTHER",
            3,
            List.of("HOSPITALIZATION"),
            "NOT_RELATED",
            false,
            "RECOVERING"));
    reportOk(
        "investigator.sf",
        first,
        event(
            "chest pain",
            "CARDIOVASCULAR",
            3,
            List.of("HOSPITALIZATION"),
            "PROBABLE",
            false,
            "RECOVERED"));
    as("sponsor.maps")
        .when()
        .get("/api/safety/trials/{t}/stopping-rules", trial)
        .then()
        .body("items[0].fired", equalTo(false));
    reportOk(
        "investigator.sf",
        second,
        event(
            "psychosis",
            "PSYCHIATRIC",
            3,
            List.of("HOSPITALIZATION"),
            "POSSIBLE",
            false,
            "RECOVERING"));
    reportOk(
        "investigator.sf",
        third,
        event(
            "hyperthermia",
            "THERMOREGULATORY",
            3,
            List.of("HOSPITALIZATION"),
            "DEFINITE",
            false,
            "RECOVERED"));

    as("sponsor.maps")
        .when()
        .get("/api/safety/trials/{t}/stopping-rules", trial)
        .then()
        .body("items[0].fired", equalTo(true));
    var values = Api.records(Topics.SAFETY_SIGNALS, trial, found -> found.size() >= 2);
    var paused =
        values.stream().filter(v -> v.contains(EventTypes.TRIAL_ENROLLMENT_PAUSED)).toList();
    assertThat(paused).as("the rule fires once, not on the third event").hasSize(1);
    var event =
        json.treeToValue(json.readTree(paused.get(0)).get("data"), TrialEnrollmentPaused.class);
    assertThat(event.trialId()).isEqualTo(trial);
    assertThat(event.rule()).isEqualTo("two-related-SAEs");
  }

  @Test
  void refusesInconsistentOrMalformedEventsAndOtherSites() {
    var participant = participantAt(SF);
    as("investigator.sf")
        .body(
            report(
                participant,
                event(
                    "cardiac arrest",
                    "CARDIOVASCULAR",
                    5,
                    List.of("LIFE_THREATENING"),
                    "POSSIBLE",
                    false,
                    "FATAL")))
        .when()
        .post("/api/safety/adverse-events")
        .then()
        .statusCode(422)
        .contentType(startsWith("application/problem+json"))
        .body("code", equalTo("SAF-0422-ADVERSE-EVENT"))
        .body("violations.field", hasItem("event.seriousness"));
    var unknownCategory = event("x", "EUPHORIA_LIKE", 1, List.of(), "POSSIBLE", true, "RECOVERED");
    as("investigator.sf")
        .body(report(participant, unknownCategory))
        .when()
        .post("/api/safety/adverse-events")
        .then()
        .statusCode(400);
    var gradeSix = event("x", "OTHER", 6, List.of(), "POSSIBLE", true, "RECOVERED");
    as("investigator.sf")
        .body(report(participant, gradeSix))
        .when()
        .post("/api/safety/adverse-events")
        .then()
        .statusCode(400)
        .body("violations.field", hasItem("event.grade"));
    var fine = event("nausea", "GASTROINTESTINAL", 1, List.of(), "PROBABLE", true, "RECOVERED");
    as("investigator.bos")
        .body(report(participant, fine))
        .when()
        .post("/api/safety/adverse-events")
        .then()
        .statusCode(404);
    as("coordinator.sf")
        .body(report(participant, fine))
        .when()
        .post("/api/safety/adverse-events")
        .then()
        .statusCode(403);
    var id = reportOk("therapist.sf1", participant, fine);
    as("therapist.bos1").when().get("/api/safety/adverse-events/{id}", id).then().statusCode(404);
    // Even freshly logged in, another site's investigator does not see the event.
    signing("investigator.bos")
        .body(followUp(fine, "x"))
        .when()
        .post("/api/safety/adverse-events/{id}/follow-ups", id)
        .then()
        .statusCode(404)
        .body("code", equalTo("SAF-0404-ADVERSE-EVENT"));
    as("investigator.sf")
        .body(Map.of("reference", "r"))
        .when()
        .post("/api/safety/adverse-events/{id}/expedited-report", id)
        .then()
        .statusCode(422);
    as("coordinator.sf")
        .queryParam("siteCode", SF)
        .queryParam("participantCode", participant)
        .when()
        .get("/api/safety/adverse-events")
        .then()
        .statusCode(200)
        .body("items", hasSize(1))
        .body("total", equalTo(1));
  }

  @Test
  void aReportRetriedWithItsIdempotencyKeyIsRecordedOnce() {
    var participant = participantAt(SF);
    var key = UUID.randomUUID().toString();
    var body =
        report(
            participant,
            event("nausea", "GASTROINTESTINAL", 1, List.of(), "PROBABLE", true, "RECOVERED"));
    String id =
        as("investigator.sf")
            .header("Idempotency-Key", key)
            .body(body)
            .when()
            .post("/api/safety/adverse-events")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    // The retry (a lost answer): the same event back, nothing recorded again.
    as("investigator.sf")
        .header("Idempotency-Key", key)
        .body(body)
        .when()
        .post("/api/safety/adverse-events")
        .then()
        .statusCode(201)
        .header("Idempotency-Replayed", "true")
        .body("id", equalTo(id));
    as("regulator.fda")
        .queryParam("participantCode", participant)
        .queryParam("entityType", "AdverseEvent")
        .when()
        .get("/api/safety/audit")
        .then()
        .body("items", hasSize(1));
    // The same key for another report is refused, not taken for the first one.
    as("investigator.sf")
        .header("Idempotency-Key", key)
        .body(
            report(
                participant,
                event("headache", "NEUROLOGICAL", 1, List.of(), "POSSIBLE", true, "RECOVERED")))
        .when()
        .post("/api/safety/adverse-events")
        .then()
        .statusCode(422)
        .body("code", equalTo("PLATFORM-0422-IDEMPOTENCY-KEY"));
  }
}

package org.mdmaat.safety.summary;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.mdmaat.safety.testing.Api.SF;
import static org.mdmaat.safety.testing.Api.as;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.safety.hold.SelfServedPort;
import org.mdmaat.safety.testing.Api;
import org.mdmaat.safety.testing.DosingSessions;
import org.mdmaat.safety.testing.ScriptedParticipantDirectory;

@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "safety"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedPort.class)
class SafetySummaryResourceTest {
  @AfterEach
  void directoryAnswersAgain() {
    ScriptedParticipantDirectory.reset();
  }

  private static Map<String, Object> event(String category, int grade, List<String> serious) {
    var e = new HashMap<String, Object>();
    e.put("term", category.toLowerCase());
    e.put("category", category);
    e.put("onset", OffsetDateTime.now(ZoneOffset.UTC).minusDays(1).toString());
    e.put("awareness", OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString());
    e.put("grade", grade);
    e.put("seriousness", serious);
    e.put("relatedness", "POSSIBLE");
    e.put("expected", true);
    e.put("outcome", "RECOVERED");
    return e;
  }

  private static void report(String participant, Map<String, Object> event) {
    as("investigator.sf")
        .body(Map.of("participantCode", participant, "event", event))
        .when()
        .post("/api/safety/adverse-events")
        .then()
        .statusCode(201);
  }

  private static void vitals(String participant, int systolic, double temperature) {
    var reading = new HashMap<String, Object>();
    reading.put("measuredAt", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5).toString());
    reading.put("systolic", systolic);
    reading.put("temperatureC", temperature);
    reading.put("spo2", 97);
    reading.put("sourceKind", "STAFF");
    reading.put("sourceId", "therapist.sf1");
    as("therapist.sf1")
        .body(Map.of("sessionId", "S-1", "participantCode", participant, "reading", reading))
        .when()
        .post("/api/safety/vitals")
        .then()
        .statusCode(201);
  }

  /** A trial of the sponsor maps with one MDMA and one placebo participant. */
  private static String trialWithData() {
    var trial = Api.code("T");
    var mdma = ScriptedParticipantDirectory.enrol(Api.code("P"), trial, SF);
    var placebo = ScriptedParticipantDirectory.enrol(Api.code("P"), trial, SF);
    ScriptedParticipantDirectory.allocate(trial, mdma, SF, "MDMA");
    ScriptedParticipantDirectory.allocate(trial, placebo, SF, "PLACEBO");
    as("sponsor.maps")
        .body(
            Map.of(
                "name",
                "watch",
                "relatedSeriousEvents",
                10,
                "countBy",
                "TRIAL",
                "suspends",
                List.of("ENROLLMENT"),
                "reason",
                "charter"))
        .when()
        .post("/api/safety/trials/{t}/stopping-rules", trial)
        .then()
        .statusCode(201);
    report(mdma, event("POSITIVE_ABUSE_RELATED", 1, List.of()));
    report(mdma, event("CARDIOVASCULAR", 3, List.of("HOSPITALIZATION")));
    report(placebo, event("PSYCHIATRIC", 2, List.of()));
    vitals(mdma, 172, 38.4);
    vitals(mdma, 150, 37.2);
    vitals(placebo, 131, 36.9);
    return trial;
  }

  @Test
  void theDsmbSeesAdverseEventsAndVitalMaximaByArm() {
    var trial = trialWithData();
    as("dsmb.chair")
        .when()
        .get("/api/safety/trials/{t}/safety-summary", trial)
        .then()
        .statusCode(200)
        .body("grouping", equalTo("ARM"))
        .body("groups.group", equalTo(List.of("MDMA", "PLACEBO")))
        .body("groups[0].adverseEvents", equalTo(2))
        .body("groups[0].byGrade.'1'", equalTo(1))
        .body("groups[0].byGrade.'3'", equalTo(1))
        .body("groups[0].serious", equalTo(1))
        .body("groups[0].bySeriousness.HOSPITALIZATION", equalTo(1))
        .body("groups[0].byCategory.POSITIVE_ABUSE_RELATED", equalTo(1))
        .body("groups[0].vitals.maxSystolic", equalTo(172))
        .body("groups[0].vitals.maxTemperatureC", equalTo(38.4f))
        .body("groups[1].adverseEvents", equalTo(1))
        .body("groups[1].byCategory.PSYCHIATRIC", equalTo(1))
        .body("groups[1].vitals.maxSystolic", equalTo(131));
  }

  @Inject ObjectMapper json;

  @Test
  void theDsmbSeesDenominatorsSharesOverThePooledThresholdsAndPositiveEventsPerParticipant() {
    var trial = Api.code("T");
    var mdma1 = ScriptedParticipantDirectory.enrol(Api.code("P"), trial, SF);
    var mdma2 = ScriptedParticipantDirectory.enrol(Api.code("P"), trial, SF);
    var placebo = ScriptedParticipantDirectory.enrol(Api.code("P"), trial, SF);
    var notDosed = ScriptedParticipantDirectory.enrol(Api.code("P"), trial, SF);
    ScriptedParticipantDirectory.allocate(trial, mdma1, SF, "MDMA");
    ScriptedParticipantDirectory.allocate(trial, mdma2, SF, "MDMA");
    ScriptedParticipantDirectory.allocate(trial, placebo, SF, "PLACEBO");
    ScriptedParticipantDirectory.allocate(trial, notDosed, SF, "PLACEBO");
    DosingSessions.dosed(json, mdma1, trial, SF);
    DosingSessions.dosed(json, mdma2, trial, SF);
    DosingSessions.dosed(json, placebo, trial, SF);
    vitals(mdma1, 165, 38.2); // over 160 and over 38 °C
    vitals(mdma2, 150, 37.0);
    vitals(placebo, 161, 36.8);
    vitals(notDosed, 190, 39.0); // not dosed: not in the shares
    report(mdma1, event("POSITIVE_ABUSE_RELATED", 1, List.of()));
    report(mdma1, event("POSITIVE_ABUSE_RELATED", 1, List.of()));
    report(mdma2, event("POSITIVE_ABUSE_RELATED", 1, List.of()));

    as("dsmb.chair")
        .when()
        .get("/api/safety/trials/{t}/safety-summary", trial)
        .then()
        .statusCode(200)
        .body("groups.group", equalTo(List.of("MDMA", "PLACEBO")))
        .body("groups.randomized", equalTo(List.of(2, 2)))
        .body("groups.dosed", equalTo(List.of(2, 1)))
        .body(
            "groups[0].overThresholds.vital",
            equalTo(List.of("SYSTOLIC", "HEART_RATE", "TEMPERATURE_C")))
        .body("groups[0].overThresholds.participants", equalTo(List.of(1, 0, 1)))
        .body("groups[0].overThresholds.share", equalTo(List.of(0.5f, 0.0f, 0.5f)))
        .body("groups[1].overThresholds.participants", equalTo(List.of(1, 0, 0)))
        .body("groups[1].overThresholds.share[0]", equalTo(1.0f))
        .body("groups[0].positiveAbuseRelated.events", equalTo(3))
        .body("groups[0].positiveAbuseRelated.participants", equalTo(2))
        .body("groups[0].positiveAbuseRelated.eventsPerDosedParticipant", equalTo(1.5f))
        .body("groups[1].positiveAbuseRelated.events", equalTo(0));
    as("sponsor.maps")
        .when()
        .get("/api/safety/trials/{t}/safety-summary", trial)
        .then()
        .statusCode(200)
        .body("groups[0].group", equalTo("ALL"))
        .body("groups[0].randomized", equalTo(null))
        .body("groups[0].dosed", equalTo(3))
        .body("groups[0].overThresholds.participants", equalTo(List.of(2, 0, 1)));
  }

  @Test
  void theSponsorSeesItPooledWithoutArms() {
    var trial = trialWithData();
    as("sponsor.maps")
        .when()
        .get("/api/safety/trials/{t}/safety-summary", trial)
        .then()
        .statusCode(200)
        .body("grouping", equalTo("POOLED"))
        .body("groups", hasSize(1))
        .body("groups[0].group", equalTo("ALL"))
        .body("groups[0].adverseEvents", equalTo(3))
        .body("groups[0].participantsWithAdverseEvents", equalTo(2))
        .body("groups[0].vitals.maxSystolic", equalTo(172));
    as("sponsor.northstar")
        .when()
        .get("/api/safety/trials/{t}/safety-summary", trial)
        .then()
        .statusCode(404);
    as("investigator.sf")
        .when()
        .get("/api/safety/trials/{t}/safety-summary", trial)
        .then()
        .statusCode(403);
  }

  @Test
  void withoutDisclosedArmsTheDsmbSummaryIsRefusedNotGuessed() {
    var trial = trialWithData();
    ScriptedParticipantDirectory.disclose = false;
    as("dsmb.chair")
        .when()
        .get("/api/safety/trials/{t}/safety-summary", trial)
        .then()
        .statusCode(503)
        .body("code", equalTo("SAF-0503-ARMS-NOT-DISCLOSED"));
    ScriptedParticipantDirectory.disclose = true;
    ScriptedParticipantDirectory.unavailable = true;
    as("dsmb.chair")
        .when()
        .get("/api/safety/trials/{t}/safety-summary", trial)
        .then()
        .statusCode(503)
        .body("code", equalTo("SAF-0503-DIRECTORY"));
  }
}

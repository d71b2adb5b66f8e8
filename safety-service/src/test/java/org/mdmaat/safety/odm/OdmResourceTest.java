package org.mdmaat.safety.odm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.mdmaat.safety.testing.Api.SF;
import static org.mdmaat.safety.testing.Api.as;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.OdmStructure;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.safety.hold.SelfServedPort;
import org.mdmaat.safety.testing.Api;
import org.mdmaat.safety.testing.ScriptedParticipantDirectory;

/** safety-service's part of the ODM study export: vital signs and adverse events. */
@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "safety"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedPort.class)
class OdmResourceTest {

  @AfterEach
  void directoryAnswersAgain() {
    ScriptedParticipantDirectory.reset();
  }

  private static String part(String user, String trial, String part) {
    return as(user)
        .header("X-Access-Reason", "submission")
        .when()
        .get("/api/safety/trials/{t}/odm/" + part, trial)
        .then()
        .statusCode(200)
        .extract()
        .asString();
  }

  @Test
  void theSponsorGetsVitalsWithUnitsAndAdverseEventsUnderOneSubject() {
    var trial = Api.code("T");
    var first = ScriptedParticipantDirectory.enrol(Api.code("P"), trial, SF);
    var second = ScriptedParticipantDirectory.enrol(Api.code("P"), trial, SF);
    var reading = new HashMap<String, Object>();
    reading.put("measuredAt", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5).toString());
    reading.put("sourceKind", "DEVICE");
    reading.put("sourceId", "monitor-7");
    reading.put("systolic", 128);
    reading.put("diastolic", 84);
    reading.put("heartRate", 76);
    as("therapist.sf1")
        .body(Map.of("sessionId", "S-A", "participantCode", first, "reading", reading))
        .when()
        .post("/api/safety/vitals")
        .then()
        .statusCode(201);
    var e = new HashMap<String, Object>();
    e.put("term", "euphoria");
    e.put("categories", List.of("POSITIVE_ABUSE_RELATED"));
    e.put("onset", OffsetDateTime.now(ZoneOffset.UTC).minusDays(1).toString());
    e.put("awareness", OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString());
    e.put("grade", 1);
    e.put("seriousness", List.of());
    e.put("relatedness", "PROBABLE");
    e.put("expected", true);
    e.put("outcome", "RECOVERED");
    for (var participant : List.of(first, second)) {
      as("investigator.sf")
          .body(Map.of("participantCode", participant, "sessionId", "S-A", "event", e))
          .when()
          .post("/api/safety/adverse-events")
          .then()
          .statusCode(201);
    }

    var metadata = part("sponsor.maps", trial, "metadata");
    var clinical = part("sponsor.maps", trial, "clinical");
    var file = OdmStructure.compose(metadata, clinical);

    assertThat(OdmStructure.problems(file)).isEmpty();
    assertThat(metadata)
        .contains("<MeasurementUnit OID=\"MU.MMHG\" Name=\"mmHg\"")
        .contains("<MeasurementUnit OID=\"MU.BPM\" Name=\"beats/min\"")
        .contains("<CodeList OID=\"CL.AE.GRADE\"")
        .contains("<User OID=\"therapist.sf1\"")
        .contains("<User OID=\"investigator.sf\"");
    assertThat(clinical)
        .contains("<ItemData ItemOID=\"VS.SYSBP\" Value=\"128\"><MeasurementUnitRef")
        .contains("<ItemData ItemOID=\"AE.TERM\" Value=\"euphoria\"")
        .contains("<ItemData ItemOID=\"AE.CATEGORIES\" Value=\"POSITIVE_ABUSE_RELATED\"")
        .contains("<UserRef UserOID=\"investigator.sf\"");
    // Vitals and the event of one participant under one SubjectData.
    assertThat(clinical.split("<SubjectData SubjectKey=\"" + first + "\"", -1)).hasSize(2);
    assertThat(clinical.split("<SubjectData SubjectKey=\"" + second + "\"", -1)).hasSize(2);
    assertThat(file).doesNotContainPattern("(?i)\\barms?\\b").doesNotContainIgnoringCase("placebo");

    assertThat(
            OdmStructure.problems(
                OdmStructure.compose(
                    part("regulator.fda", trial, "metadata"),
                    part("regulator.fda", trial, "clinical"))))
        .isEmpty();
  }

  @Test
  void siteStaffAreRefusedAndAnotherSponsorFindsNoTrial() {
    var trial = Api.code("T");
    ScriptedParticipantDirectory.enrol(Api.code("P"), trial, SF);
    for (var part : new String[] {"metadata", "clinical"}) {
      as("investigator.sf")
          .when()
          .get("/api/safety/trials/{t}/odm/" + part, trial)
          .then()
          .statusCode(403);
      as("sponsor.northstar")
          .when()
          .get("/api/safety/trials/{t}/odm/" + part, trial)
          .then()
          .statusCode(404)
          .body("code", equalTo("SAF-0404-TRIAL"));
    }
  }
}

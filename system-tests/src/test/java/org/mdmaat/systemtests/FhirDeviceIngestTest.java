package org.mdmaat.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import ca.uhn.fhir.context.FhirContext;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.Platform;

/**
 * Issue 21: a bedside monitor posts FHIR R4 Bundles of vital signs through the gateway's {@code
 * /fhir/r4}; the readings follow the native rules (a critical one raises an alert and a hold), a
 * transaction with a broken entry stores nothing, and another site's participant is refused.
 */
class FhirDeviceIngestTest {
  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

  private final Platform platform = RunningPlatform.get();

  private static Observation vital(String participant, String loinc, String value, String unit) {
    var at = OffsetDateTime.now(ZoneOffset.ofHours(-8)).minusMinutes(2);
    var o = new Observation();
    o.setStatus(Observation.ObservationStatus.FINAL);
    o.setCode(new CodeableConcept(new Coding("http://loinc.org", loinc, null)));
    o.setSubject(
        new Reference()
            .setIdentifier(
                new Identifier().setSystem("urn:mdmaat:participant-code").setValue(participant)));
    o.setEncounter(
        new Reference()
            .setIdentifier(
                new Identifier().setSystem("urn:mdmaat:session").setValue("monitoring-1")));
    o.setEffective(new DateTimeType(SECONDS.format(at.truncatedTo(ChronoUnit.SECONDS))));
    o.setValue(
        new Quantity()
            .setValue(new BigDecimal(value))
            .setSystem("http://unitsofmeasure.org")
            .setCode(unit));
    o.setDevice(new Reference().setDisplay("bedside-monitor-3"));
    return o;
  }

  private static String transaction(List<Observation> observations) {
    var b = new Bundle().setType(BundleType.TRANSACTION);
    for (var o : observations) {
      b.addEntry()
          .setResource(o)
          .getRequest()
          .setMethod(Bundle.HTTPVerb.POST)
          .setUrl("Observation");
    }
    return FHIR.newJsonParser().encodeResourceToString(b);
  }

  private Response post(String user, String body) {
    return Scenario.as(platform, user)
        .contentType("application/fhir+json")
        .body(body)
        .when()
        .post("/fhir/r4");
  }

  private int readings(String participant) {
    return Scenario.as(platform, "coordinator.sf")
        .queryParam("siteCode", Scenario.SF)
        .queryParam("participantCode", participant)
        .when()
        .get("/api/safety/vitals")
        .then()
        .statusCode(200)
        .extract()
        .path("total");
  }

  @Test
  void aMonitorsBundleIsStoredAndACriticalReadingRaisesAnAlertAndAHold() {
    var participant = Scenario.realParticipant(platform, Scenario.SF);

    // A broken entry (mmHg is not UCUM's code) refuses the whole transaction.
    var broken =
        post(
            "therapist.sf1",
            transaction(
                List.of(
                    vital(participant, "8867-4", "88", "/min"),
                    vital(participant, "8480-6", "186", "mmHg"))));
    assertThat(broken.statusCode()).isEqualTo(422);
    var refused = FHIR.newJsonParser().parseResource(Bundle.class, broken.asString());
    assertThat(refused.getType()).isEqualTo(BundleType.TRANSACTIONRESPONSE);
    assertThat(
            ((OperationOutcome) refused.getEntry().get(1).getResponse().getOutcome())
                .getIssueFirstRep()
                .getDetails()
                .getCodingFirstRep()
                .getCode())
        .isEqualTo("SAF-0422-FHIR-OBSERVATION");
    assertThat(readings(participant)).isZero();

    var observations = new ArrayList<Observation>();
    observations.add(vital(participant, "8867-4", "88", "/min"));
    observations.add(vital(participant, "8480-6", "186", "mm[Hg]"));
    observations.add(vital(participant, "59408-5", "97", "%"));
    var stored = post("therapist.sf1", transaction(observations));
    assertThat(stored.statusCode()).isEqualTo(200);
    assertThat(stored.contentType()).startsWith("application/fhir+json");
    var answer = FHIR.newJsonParser().parseResource(Bundle.class, stored.asString());
    assertThat(answer.getEntry())
        .allSatisfy(e -> assertThat(e.getResponse().getStatus()).isEqualTo("201 Created"));
    assertThat(readings(participant)).isEqualTo(3);

    Scenario.as(platform, "investigator.sf")
        .queryParam("siteCode", Scenario.SF)
        .queryParam("participantCode", participant)
        .when()
        .get("/api/safety/alerts")
        .then()
        .statusCode(200)
        .body("total", equalTo(1))
        .body("items[0].level", equalTo("CRITICAL"))
        .body("items[0].vital", equalTo("SYSTOLIC"));
    Scenario.as(platform, "investigator.sf")
        .queryParam("siteCode", Scenario.SF)
        .queryParam("participantCode", participant)
        .when()
        .get("/api/safety/holds")
        .then()
        .statusCode(200)
        .body("total", equalTo(1))
        .body("items[0].cause", equalTo("CRITICAL_VITALS"));

    // Read back as FHIR through the gateway, by the site's staff only.
    var found =
        Scenario.as(platform, "coordinator.sf")
            .queryParam("subject", participant)
            .queryParam("code", "http://loinc.org|8480-6")
            .when()
            .get("/fhir/r4/Observation");
    assertThat(found.statusCode()).isEqualTo(200);
    var searchset = FHIR.newJsonParser().parseResource(Bundle.class, found.asString());
    assertThat(searchset.getTotal()).isEqualTo(1);
    var systolic = (Observation) searchset.getEntryFirstRep().getResource();
    assertThat(systolic.getValueQuantity().getValue()).isEqualByComparingTo("186");
    Scenario.as(platform, "investigator.bos")
        .when()
        .get("/fhir/r4/Observation/" + systolic.getIdPart())
        .then()
        .statusCode(404);
  }

  @Test
  void anotherSitesParticipantIsRefused() {
    var bostonian = Scenario.realParticipant(platform, Scenario.BOS);
    var response =
        post("therapist.sf1", transaction(List.of(vital(bostonian, "8867-4", "80", "/min"))));
    assertThat(response.statusCode()).isEqualTo(404);
    Scenario.as(platform, "investigator.bos")
        .queryParam("siteCode", Scenario.BOS)
        .queryParam("participantCode", bostonian)
        .when()
        .get("/api/safety/vitals")
        .then()
        .statusCode(200)
        .body("total", equalTo(0));
    // A coordinator may read vitals but not post them.
    post("coordinator.sf", transaction(List.of(vital(bostonian, "8867-4", "80", "/min"))))
        .then()
        .statusCode(403);
  }

  @Test
  void theCapabilityStatementIsPublic() {
    var response =
        io.restassured.RestAssured.given()
            .baseUri(platform.gatewayUrl())
            .when()
            .get("/fhir/r4/metadata");
    assertThat(response.statusCode()).isEqualTo(200);
    var cs = FHIR.newJsonParser().parseResource(CapabilityStatement.class, response.asString());
    // The gateway's merge of what each service serves here.
    assertThat(cs.getRestFirstRep().getResource())
        .extracting(CapabilityStatement.CapabilityStatementRestResourceComponent::getType)
        .containsExactly(
            "AdverseEvent",
            "Observation",
            "Questionnaire",
            "QuestionnaireResponse",
            "ResearchStudy",
            "ResearchSubject");
  }

  @Test
  void aHospitalClientReadsTheTrialAndItsOwnSitesSubjects() {
    var trial = Scenario.sharedTrial(platform);
    var ours = Scenario.realParticipant(platform, Scenario.SF);
    var theirs = Scenario.realParticipant(platform, Scenario.BOS);

    var studyAnswer =
        Scenario.as(platform, "investigator.sf")
            .accept("application/fhir+json")
            .when()
            .get("/fhir/r4/ResearchStudy/" + trial);
    assertThat(studyAnswer.statusCode()).isEqualTo(200);
    var study = FHIR.newJsonParser().parseResource(ResearchStudy.class, studyAnswer.asString());
    assertThat(study.getSite()).extracting(s -> s.getIdentifier().getValue()).contains(Scenario.SF);

    var search =
        Scenario.as(platform, "coordinator.sf")
            .accept("application/fhir+json")
            .queryParam("study", "ResearchStudy/" + trial)
            .queryParam("_count", 200)
            .when()
            .get("/fhir/r4/ResearchSubject");
    assertThat(search.statusCode()).isEqualTo(200);
    var subjects = FHIR.newJsonParser().parseResource(Bundle.class, search.asString());
    var codes =
        subjects.getEntry().stream().map(e -> e.getResource().getIdElement().getIdPart()).toList();
    assertThat(codes).contains(ours).doesNotContain(theirs);
    var subject = (ResearchSubject) subjects.getEntry().get(codes.indexOf(ours)).getResource();
    assertThat(subject.getStudy().getReference()).isEqualTo("ResearchStudy/" + trial);
    assertThat(subject.hasAssignedArm()).isFalse();

    Scenario.as(platform, "coordinator.sf")
        .when()
        .get("/fhir/r4/ResearchSubject/" + theirs)
        .then()
        .statusCode(404);
    // A therapist reads vitals, not the trial's participants: refused at the gateway.
    Scenario.as(platform, "therapist.sf1")
        .when()
        .get("/fhir/r4/ResearchSubject/" + ours)
        .then()
        .statusCode(403);
  }
}

package org.mdmaat.safety.fhir;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.mdmaat.safety.testing.Api.BOS;
import static org.mdmaat.safety.testing.Api.SF;
import static org.mdmaat.safety.testing.Api.as;
import static org.mdmaat.safety.testing.Api.participantAt;

import ca.uhn.fhir.context.FhirContext;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.safety.hold.SelfServedPort;
import org.mdmaat.safety.testing.ScriptedParticipantDirectory;

/**
 * The FHIR R4 endpoint: device Bundles through the native vitals rules (stored once, alerts,
 * holds), all or nothing for a transaction, per entry for a batch; Observation reads scoped to the
 * caller's sites; the CapabilityStatement. Bundles are built and read with HAPI's model.
 */
@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "safety"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedPort.class)
class FhirResourceTest {
  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private static final String BASE = "/api/safety/fhir/r4";
  private static final ZoneOffset SITE = ZoneOffset.ofHours(-7);
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

  @AfterEach
  void directoryAnswersAgain() {
    ScriptedParticipantDirectory.reset();
  }

  // --- building what a monitor sends

  static Observation vital(
      String participant, String loinc, String value, String unit, OffsetDateTime at) {
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
                new Identifier().setSystem("urn:mdmaat:session").setValue("S-" + participant)));
    o.setEffective(new DateTimeType(SECONDS.format(at)));
    o.setValue(
        new Quantity()
            .setValue(new BigDecimal(value))
            .setSystem("http://unitsofmeasure.org")
            .setCode(unit)
            .setUnit(unit));
    o.setDevice(new Reference().setDisplay("monitor-7"));
    return o;
  }

  /** One reading of each vital, all in range. */
  static List<Observation> normal(String participant, OffsetDateTime at) {
    return List.of(
        vital(participant, "8480-6", "125", "mm[Hg]", at),
        vital(participant, "8462-4", "80", "mm[Hg]", at),
        vital(participant, "8867-4", "90", "/min", at),
        vital(participant, "8310-5", "37.1", "Cel", at),
        vital(participant, "59408-5", "98", "%", at));
  }

  static String bundle(BundleType type, List<Observation> observations) {
    var b = new Bundle().setType(type);
    for (var o : observations) {
      b.addEntry()
          .setResource(o)
          .getRequest()
          .setMethod(Bundle.HTTPVerb.POST)
          .setUrl("Observation");
    }
    return FHIR.newJsonParser().encodeResourceToString(b);
  }

  static OffsetDateTime minutesAgo(long minutes) {
    return OffsetDateTime.now(SITE).minusMinutes(minutes).truncatedTo(ChronoUnit.SECONDS);
  }

  static Response post(String user, String body) {
    return fhir(as(user)).body(body).when().post(BASE);
  }

  static RequestSpecification fhir(RequestSpecification spec) {
    return spec.contentType("application/fhir+json").accept("application/fhir+json");
  }

  static Bundle answer(Response response) {
    assertThat(response.contentType()).startsWith("application/fhir+json");
    return FHIR.newJsonParser().parseResource(Bundle.class, response.asString());
  }

  static OperationOutcome outcome(Response response) {
    assertThat(response.contentType()).startsWith("application/fhir+json");
    return FHIR.newJsonParser().parseResource(OperationOutcome.class, response.asString());
  }

  static String problemCode(OperationOutcome outcome) {
    return outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode();
  }

  static int stored(String user, String site, String participant) {
    return as(user)
        .queryParam("siteCode", site)
        .queryParam("participantCode", participant)
        .when()
        .get("/api/safety/vitals")
        .then()
        .statusCode(200)
        .extract()
        .path("total");
  }

  // --- device ingest

  @Test
  void aTransactionOfADevicesVitalsIsStoredAndReadBackAsObservations() {
    var participant = participantAt(SF);
    var at = minutesAgo(5);
    var response = post("therapist.sf1", bundle(BundleType.TRANSACTION, normal(participant, at)));

    assertThat(response.statusCode()).isEqualTo(200);
    var answer = answer(response);
    assertThat(answer.getType()).isEqualTo(BundleType.TRANSACTIONRESPONSE);
    assertThat(answer.getEntry()).hasSize(5);
    assertThat(answer.getEntry())
        .allSatisfy(e -> assertThat(e.getResponse().getStatus()).isEqualTo("201 Created"));
    // Stored once, through the native API's method: five readings, seen by the native list too.
    assertThat(stored("coordinator.sf", SF, participant)).isEqualTo(5);

    var location = answer.getEntry().get(3).getResponse().getLocation();
    assertThat(location).startsWith("Observation/").endsWith(".temperature");
    var read = fhir(as("coordinator.sf")).when().get(BASE + "/" + location);
    assertThat(read.statusCode()).isEqualTo(200);
    var o = FHIR.newJsonParser().parseResource(Observation.class, read.asString());
    assertThat(o.getCode().getCodingFirstRep().getCode()).isEqualTo("8310-5");
    assertThat(o.getValueQuantity().getValue()).isEqualByComparingTo("37.1");
    assertThat(o.getValueQuantity().getCode()).isEqualTo("Cel");
    assertThat(o.getSubject().getIdentifier().getValue()).isEqualTo(participant);
    assertThat(o.getEncounter().getIdentifier().getValue()).isEqualTo("S-" + participant);
    assertThat(((DateTimeType) o.getEffective()).getValueAsString())
        .isEqualTo(DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX").format(at));
    assertThat(o.getDevice().getDisplay()).isEqualTo("monitor-7");
  }

  @Test
  void aCriticalReadingInADeviceBundleRaisesAnAlertAndAHold() {
    var participant = participantAt(SF);
    var readings =
        List.of(
            vital(participant, "8480-6", "125", "mm[Hg]", minutesAgo(10)),
            vital(participant, "8480-6", "186", "mm[Hg]", minutesAgo(5)));
    var response = post("investigator.sf", bundle(BundleType.TRANSACTION, readings));
    assertThat(response.statusCode()).isEqualTo(200);

    as("investigator.sf")
        .queryParam("siteCode", SF)
        .queryParam("participantCode", participant)
        .when()
        .get("/api/safety/alerts")
        .then()
        .statusCode(200)
        .body("total", equalTo(1))
        .body("items[0].level", equalTo("CRITICAL"))
        .body("items[0].vital", equalTo("SYSTOLIC"));
    as("investigator.sf")
        .queryParam("siteCode", SF)
        .queryParam("participantCode", participant)
        .when()
        .get("/api/safety/holds")
        .then()
        .statusCode(200)
        .body("total", equalTo(1))
        .body("items[0].cause", equalTo("CRITICAL_VITALS"));
  }

  @Test
  void aTransactionWithOneBrokenEntryStoresNothing() {
    var participant = participantAt(SF);
    var observations = new java.util.ArrayList<>(normal(participant, minutesAgo(5)));
    // mmHg is not UCUM's code for millimetres of mercury.
    observations.set(1, vital(participant, "8462-4", "80", "mmHg", minutesAgo(5)));
    var response = post("therapist.sf1", bundle(BundleType.TRANSACTION, observations));

    assertThat(response.statusCode()).isEqualTo(422);
    var answer = answer(response);
    assertThat(answer.getType()).isEqualTo(BundleType.TRANSACTIONRESPONSE);
    var refused = answer.getEntry().get(1).getResponse();
    assertThat(refused.getStatus()).isEqualTo("422 Unprocessable Entity");
    var outcome = (OperationOutcome) refused.getOutcome();
    assertThat(problemCode(outcome)).isEqualTo("SAF-0422-FHIR-OBSERVATION");
    assertThat(outcome.getIssueFirstRep().getExpression().get(0).getValue())
        .isEqualTo("Bundle.entry[1].resource.valueQuantity");
    assertThat(problemCode((OperationOutcome) answer.getEntry().get(0).getResponse().getOutcome()))
        .isEqualTo("SAF-0422-FHIR-TRANSACTION");
    assertThat(answer.getEntry())
        .allSatisfy(e -> assertThat(e.getResponse().hasLocation()).isFalse());
    assertThat(stored("coordinator.sf", SF, participant)).isZero();
  }

  @Test
  void theSchemaRefusesAMalformedObservationWith400AndNothingIsStored() {
    var participant = participantAt(SF);
    var observations = new java.util.ArrayList<>(normal(participant, minutesAgo(5)));
    var noStatus = vital(participant, "8867-4", "90", "/min", minutesAgo(5));
    noStatus.setStatus(null); // Observation.status is required (1..1)
    observations.set(2, noStatus);
    var response = post("therapist.sf1", bundle(BundleType.TRANSACTION, observations));

    assertThat(response.statusCode()).isEqualTo(400);
    var refused = answer(response).getEntry().get(2).getResponse();
    assertThat(refused.getStatus()).isEqualTo("400 Bad Request");
    assertThat(problemCode((OperationOutcome) refused.getOutcome())).isEqualTo("SAF-0400-FHIR");
    assertThat(stored("coordinator.sf", SF, participant)).isZero();

    // Not FHIR at all (an element R4 does not have): the whole request is a 400 OperationOutcome.
    var unknownElement =
        bundle(BundleType.TRANSACTION, normal(participant, minutesAgo(5)))
            .replaceFirst(
                "\"resourceType\":\"Bundle\"", "\"resourceType\":\"Bundle\",\"colour\":1");
    var broken = post("therapist.sf1", unknownElement);
    assertThat(broken.statusCode()).isEqualTo(400);
    assertThat(problemCode(outcome(broken))).isEqualTo("SAF-0400-FHIR");
    assertThat(stored("coordinator.sf", SF, participant)).isZero();
  }

  @Test
  void anotherSitesParticipantIsRefusedAndNothingIsStored() {
    var participant = participantAt(BOS);
    var response =
        post("therapist.sf1", bundle(BundleType.TRANSACTION, normal(participant, minutesAgo(5))));

    assertThat(response.statusCode()).isEqualTo(404);
    var answer = answer(response);
    assertThat(answer.getEntry())
        .allSatisfy(
            e -> {
              assertThat(e.getResponse().getStatus()).isEqualTo("404 Not Found");
              assertThat(problemCode((OperationOutcome) e.getResponse().getOutcome()))
                  .isEqualTo("SAF-0404-PARTICIPANT");
            });
    assertThat(stored("investigator.bos", BOS, participant)).isZero();
  }

  @Test
  void aTransactionCarriesSeveralParticipantsSessionsTogether() {
    var one = participantAt(SF);
    var other = participantAt(SF);
    var readings =
        List.of(
            vital(one, "8867-4", "90", "/min", minutesAgo(5)),
            vital(other, "8867-4", "91", "/min", minutesAgo(5)),
            vital(one, "8480-6", "125", "mm[Hg]", minutesAgo(4)));
    var response = post("therapist.sf1", bundle(BundleType.TRANSACTION, readings));

    assertThat(response.statusCode()).isEqualTo(200);
    var entries = answer(response).getEntry();
    assertThat(entries)
        .allSatisfy(e -> assertThat(e.getResponse().getStatus()).isEqualTo("201 Created"));
    assertThat(entries.get(0).getResponse().getLocation()).endsWith(".heart-rate");
    assertThat(entries.get(1).getResponse().getLocation()).endsWith(".heart-rate");
    assertThat(entries.get(2).getResponse().getLocation()).endsWith(".systolic");
    assertThat(stored("coordinator.sf", SF, one)).isEqualTo(2);
    assertThat(stored("coordinator.sf", SF, other)).isEqualTo(1);
  }

  @Test
  void aTransactionWithAnotherSitesParticipantStoresNoneOfItsSessions() {
    var own = participantAt(SF);
    var foreign = participantAt(BOS);
    var readings =
        List.of(
            vital(own, "8867-4", "90", "/min", minutesAgo(5)),
            vital(foreign, "8867-4", "91", "/min", minutesAgo(5)));
    var response = post("therapist.sf1", bundle(BundleType.TRANSACTION, readings));

    // Each entry is checked for the caller's site; one refused refuses the whole transaction.
    assertThat(response.statusCode()).isEqualTo(404);
    var entries = answer(response).getEntry();
    assertThat(entries.get(1).getResponse().getStatus()).isEqualTo("404 Not Found");
    assertThat(problemCode((OperationOutcome) entries.get(1).getResponse().getOutcome()))
        .isEqualTo("SAF-0404-PARTICIPANT");
    assertThat(problemCode((OperationOutcome) entries.get(0).getResponse().getOutcome()))
        .isEqualTo("SAF-0422-FHIR-TRANSACTION");
    assertThat(entries).allSatisfy(e -> assertThat(e.getResponse().getLocation()).isNull());
    assertThat(stored("coordinator.sf", SF, own)).isZero();
    assertThat(stored("investigator.bos", BOS, foreign)).isZero();
  }

  @Test
  void aTransactionWithAFutureReadingOfOneSessionStoresNoneOfTheOthers() {
    var one = participantAt(SF);
    var other = participantAt(SF);
    var readings =
        List.of(
            vital(one, "8867-4", "90", "/min", minutesAgo(5)),
            vital(other, "8867-4", "91", "/min", minutesAgo(5)),
            vital(other, "8867-4", "92", "/min", minutesAgo(-60)));
    var response = post("therapist.sf1", bundle(BundleType.TRANSACTION, readings));

    assertThat(response.statusCode()).isEqualTo(422);
    var entries = answer(response).getEntry();
    assertThat(problemCode((OperationOutcome) entries.get(2).getResponse().getOutcome()))
        .isEqualTo("SAF-0422-VITALS-FUTURE");
    assertThat(problemCode((OperationOutcome) entries.get(0).getResponse().getOutcome()))
        .isEqualTo("SAF-0422-FHIR-TRANSACTION");
    assertThat(problemCode((OperationOutcome) entries.get(1).getResponse().getOutcome()))
        .isEqualTo("SAF-0422-FHIR-TRANSACTION");
    assertThat(stored("coordinator.sf", SF, one)).isZero();
    assertThat(stored("coordinator.sf", SF, other)).isZero();
  }

  @Test
  void aBatchStoresWhatItMayAndAnswersEachRefusedEntry() {
    var here = participantAt(SF);
    var elsewhere = participantAt(BOS);
    var readings =
        List.of(
            vital(here, "8867-4", "90", "/min", minutesAgo(5)),
            vital(elsewhere, "8867-4", "91", "/min", minutesAgo(5)),
            // An hour ahead of the server's clock: refused by the native rule, alone.
            vital(here, "8867-4", "92", "/min", minutesAgo(-60)),
            vital(here, "8310-5", "37.0", "Cel", minutesAgo(4)),
            // Outside the native API's plausibility range (SpO2 50 to 100).
            vital(here, "59408-5", "101", "%", minutesAgo(4)));
    var response = post("therapist.sf1", bundle(BundleType.BATCH, readings));

    assertThat(response.statusCode()).isEqualTo(200);
    var answer = answer(response);
    assertThat(answer.getType()).isEqualTo(BundleType.BATCHRESPONSE);
    var entries = answer.getEntry();
    assertThat(entries.get(0).getResponse().getStatus()).isEqualTo("201 Created");
    assertThat(entries.get(1).getResponse().getStatus()).isEqualTo("404 Not Found");
    assertThat(entries.get(2).getResponse().getStatus()).isEqualTo("422 Unprocessable Entity");
    assertThat(problemCode((OperationOutcome) entries.get(2).getResponse().getOutcome()))
        .isEqualTo("SAF-0422-VITALS-FUTURE");
    assertThat(entries.get(3).getResponse().getStatus()).isEqualTo("201 Created");
    assertThat(problemCode((OperationOutcome) entries.get(4).getResponse().getOutcome()))
        .isEqualTo("SAF-0422-FHIR-OBSERVATION");
    assertThat(stored("coordinator.sf", SF, here)).isEqualTo(2);
    assertThat(stored("investigator.bos", BOS, elsewhere)).isZero();
  }

  @Test
  void onlyInvestigatorsAndTherapistsPostBundles() {
    var participant = participantAt(SF);
    var body = bundle(BundleType.TRANSACTION, normal(participant, minutesAgo(5)));
    post("coordinator.sf", body).then().statusCode(403);
    post("rater.sf", body).then().statusCode(403);
    fhir(given()).body(body).when().post(BASE).then().statusCode(401);
    assertThat(stored("coordinator.sf", SF, participant)).isZero();
    post("therapist.sf2", body).then().statusCode(200);
    assertThat(stored("coordinator.sf", SF, participant)).isEqualTo(5);
  }

  @Test
  void anOtherKindOfBundleIsRefused() {
    var participant = participantAt(SF);
    var response =
        post("therapist.sf1", bundle(BundleType.COLLECTION, normal(participant, minutesAgo(5))));
    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(problemCode(outcome(response))).isEqualTo("SAF-0422-FHIR-BUNDLE");
  }

  // --- reads

  @Test
  void observationsAreSearchedBySubjectAndDateAtTheCallersSitesOnly() {
    var participant = participantAt(SF);
    var early = minutesAgo(120);
    var late = minutesAgo(10);
    var readings = new java.util.ArrayList<Observation>();
    readings.addAll(normal(participant, early));
    readings.add(vital(participant, "8867-4", "95", "/min", late));
    post("therapist.sf1", bundle(BundleType.TRANSACTION, readings)).then().statusCode(200);

    var all =
        answer(
            fhir(as("therapist.sf2"))
                .queryParam("subject", participant)
                .when()
                .get(BASE + "/Observation"));
    assertThat(all.getType()).isEqualTo(BundleType.SEARCHSET);
    assertThat(all.getTotal()).isEqualTo(6);
    assertThat(all.getEntry()).hasSize(6);

    var since =
        answer(
            fhir(as("investigator.sf"))
                .queryParam("subject:identifier", "urn:mdmaat:participant-code|" + participant)
                .queryParam("date", "ge" + late.minusMinutes(1).toInstant())
                .when()
                .get(BASE + "/Observation"));
    assertThat(since.getTotal()).isEqualTo(1);
    var o = (Observation) since.getEntryFirstRep().getResource();
    assertThat(o.getValueQuantity().getValue()).isEqualByComparingTo("95");
    assertThat(since.getEntryFirstRep().getFullUrl())
        .endsWith("/fhir/r4/Observation/" + o.getIdPart());

    var heartRates =
        answer(
            fhir(as("coordinator.sf"))
                .queryParam("subject", participant)
                .queryParam("code", "http://loinc.org|8867-4")
                .queryParam("_count", 1)
                .when()
                .get(BASE + "/Observation"));
    assertThat(heartRates.getTotal()).isEqualTo(2);
    assertThat(heartRates.getEntry()).hasSize(1);
    assertThat(heartRates.getLink("next").getUrl()).contains("_offset=1");

    // Another site's staff find nothing, and cannot read it by id.
    var elsewhere =
        answer(
            fhir(as("therapist.bos1"))
                .queryParam("subject", participant)
                .when()
                .get(BASE + "/Observation"));
    assertThat(elsewhere.getTotal()).isZero();
    assertThat(elsewhere.getEntry()).isEmpty();
    var read = fhir(as("investigator.bos")).when().get(BASE + "/Observation/" + o.getIdPart());
    assertThat(read.statusCode()).isEqualTo(404);
    assertThat(problemCode(outcome(read))).isEqualTo("SAF-0404-OBSERVATION");
    fhir(as("therapist.sf1"))
        .when()
        .get(BASE + "/Observation/" + o.getIdPart())
        .then()
        .statusCode(200);
  }

  @Test
  void readsRefuseOtherRolesAndUnknownParameters() {
    fhir(as("rater.sf")).when().get(BASE + "/Observation").then().statusCode(403);
    fhir(as("sponsor.maps")).when().get(BASE + "/Observation/x.spo2").then().statusCode(403);
    var unknown =
        fhir(as("therapist.sf1")).queryParam("patient", "P-1").when().get(BASE + "/Observation");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(problemCode(outcome(unknown))).isEqualTo("SAF-0400-FHIR-SEARCH");
    var notAnId = fhir(as("therapist.sf1")).when().get(BASE + "/Observation/nothing");
    assertThat(notAnId.statusCode()).isEqualTo(404);
    assertThat(problemCode(outcome(notAnId))).isEqualTo("SAF-0404-OBSERVATION");
  }

  @Test
  void theCapabilityStatementListsWhatIsServed() {
    var response = fhir(given()).when().get(BASE + "/metadata");
    assertThat(response.statusCode()).isEqualTo(200);
    var cs = FHIR.newJsonParser().parseResource(CapabilityStatement.class, response.asString());
    assertThat(cs.getFhirVersion().toCode()).isEqualTo("4.0.1");
    var rest = cs.getRestFirstRep();
    assertThat(rest.getResource())
        .extracting(r -> r.getType())
        .containsExactly("Observation", "AdverseEvent");
    var observation = rest.getResourceFirstRep();
    assertThat(observation.getType()).isEqualTo("Observation");
    assertThat(observation.getInteraction())
        .extracting(i -> i.getCode().toCode())
        .containsExactlyInAnyOrder("read", "search-type");
    assertThat(rest.getInteraction())
        .extracting(i -> i.getCode().toCode())
        .containsExactlyInAnyOrder("transaction", "batch");
    assertThat(observation.getSearchParam())
        .extracting(p -> p.getName())
        .contains("subject", "encounter", "code", "date");
  }

  // --- adverse events

  static String reportAdverseEvent(
      String user,
      String participant,
      String term,
      String category,
      int grade,
      List<String> seriousness,
      String relatedness,
      String outcome) {
    var event = new java.util.HashMap<String, Object>();
    event.put("term", term);
    event.put("category", category);
    event.put("onset", OffsetDateTime.now(SITE).minusHours(3).toString());
    event.put("awareness", OffsetDateTime.now(SITE).minusHours(1).toString());
    event.put("grade", grade);
    event.put("seriousness", seriousness);
    event.put("relatedness", relatedness);
    event.put("expected", true);
    event.put("outcome", outcome);
    return as(user)
        .body(java.util.Map.of("participantCode", participant, "sessionId", "S-1", "event", event))
        .when()
        .post("/api/safety/adverse-events")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  @Test
  void anAdverseEventIsReadWithSeriousnessSeverityOutcomeCausalityAndCategory() {
    var participant = participantAt(SF);
    var id =
        reportAdverseEvent(
            "therapist.sf1",
            participant,
            "euphoria",
            "POSITIVE_ABUSE_RELATED",
            2,
            List.of(),
            "PROBABLE",
            "RECOVERED");
    var response = fhir(as("investigator.sf")).when().get(BASE + "/AdverseEvent/" + id);
    assertThat(response.statusCode()).isEqualTo(200);
    var ae =
        FHIR.newJsonParser()
            .parseResource(org.hl7.fhir.r4.model.AdverseEvent.class, response.asString());
    assertThat(ae.getIdElement().getIdPart()).isEqualTo(id);
    assertThat(ae.getCategoryFirstRep().getCodingFirstRep().getSystem())
        .isEqualTo("urn:mdmaat:adverse-event-category");
    assertThat(ae.getCategoryFirstRep().getCodingFirstRep().getCode())
        .isEqualTo("POSITIVE_ABUSE_RELATED");
    assertThat(ae.getSeriousness().getCodingFirstRep().getCode()).isEqualTo("non-serious");
    assertThat(ae.getSeverity().getCodingFirstRep().getCode()).isEqualTo("moderate");
    assertThat(ae.getOutcome().getCodingFirstRep().getCode()).isEqualTo("resolved");
    assertThat(
            ae.getSuspectEntityFirstRep()
                .getCausalityFirstRep()
                .getAssessment()
                .getCodingFirstRep()
                .getCode())
        .isEqualTo("Probably-Likely");
    assertThat(ae.getSubject().getIdentifier().getValue()).isEqualTo(participant);
    assertThat(ae.getStudyFirstRep().getReference())
        .isEqualTo("ResearchStudy/" + org.mdmaat.safety.testing.Api.trialOf(participant));
    // Never the arm.
    assertThat(response.asString()).doesNotContain("MDMA\"").doesNotContain("PLACEBO");

    var serious =
        reportAdverseEvent(
            "investigator.sf",
            participant,
            "hypertensive crisis",
            "CARDIOVASCULAR",
            3,
            List.of("HOSPITALIZATION"),
            "NOT_RELATED",
            "RECOVERING");
    var seriousAe =
        FHIR.newJsonParser()
            .parseResource(
                org.hl7.fhir.r4.model.AdverseEvent.class,
                fhir(as("coordinator.sf"))
                    .when()
                    .get(BASE + "/AdverseEvent/" + serious)
                    .asString());
    assertThat(seriousAe.getSeriousness().getCoding())
        .extracting(c -> c.getCode())
        .containsExactly("serious", "HOSPITALIZATION");
    assertThat(seriousAe.getSeverity().getCodingFirstRep().getCode()).isEqualTo("severe");
  }

  @Test
  void adverseEventsAreSearchedBySubjectAndStudyAtTheCallersSitesOnly() {
    var ours = participantAt(SF);
    var theirs = participantAt(BOS);
    var own =
        reportAdverseEvent(
            "therapist.sf1",
            ours,
            "nausea",
            "GASTROINTESTINAL",
            1,
            List.of(),
            "POSSIBLE",
            "RECOVERED");
    var foreign =
        reportAdverseEvent(
            "therapist.bos1",
            theirs,
            "headache",
            "NEUROLOGICAL",
            1,
            List.of(),
            "UNLIKELY",
            "RECOVERED");

    var read = fhir(as("investigator.sf")).when().get(BASE + "/AdverseEvent/" + foreign);
    assertThat(read.statusCode()).isEqualTo(404);
    assertThat(problemCode(outcome(read))).isEqualTo("SAF-0404-ADVERSE-EVENT");

    var bySubject =
        answer(fhir(as("coordinator.sf")).when().get(BASE + "/AdverseEvent?subject=" + ours));
    assertThat(bySubject.getEntry())
        .extracting(e -> e.getResource().getIdElement().getIdPart())
        .containsExactly(own);
    var theirSubject =
        answer(fhir(as("coordinator.sf")).when().get(BASE + "/AdverseEvent?subject=" + theirs));
    assertThat(theirSubject.getTotal()).isZero();
    var byStudy =
        answer(
            fhir(as("therapist.sf1"))
                .when()
                .get(
                    BASE
                        + "/AdverseEvent?study=ResearchStudy/"
                        + org.mdmaat.safety.testing.Api.trialOf(ours)));
    assertThat(byStudy.getEntry())
        .extracting(e -> e.getResource().getIdElement().getIdPart())
        .containsExactly(own);

    var unsupported = fhir(as("coordinator.sf")).when().get(BASE + "/AdverseEvent?term=nausea");
    assertThat(unsupported.statusCode()).isEqualTo(400);
    assertThat(problemCode(outcome(unsupported))).isEqualTo("SAF-0400-FHIR-SEARCH");
    // Roles the adverse-events API refuses.
    assertThat(fhir(as("sponsor.maps")).when().get(BASE + "/AdverseEvent/" + own).statusCode())
        .isEqualTo(403);
    assertThat(fhir(as("rater.sf")).when().get(BASE + "/AdverseEvent").statusCode()).isEqualTo(403);
  }

  // --- a monitor's own client (device role)

  @Test
  void aMonitorsOwnClientPostsVitalsForItsSiteOnlyAndReadsNothing() {
    var device = org.mdmaat.devstack.KeycloakServer.shared().serviceToken("monitor-sf");
    var ours = participantAt(SF);
    var stored =
        fhir(given().auth().oauth2(device))
            .body(bundle(BundleType.TRANSACTION, normal(ours, minutesAgo(5))))
            .when()
            .post(BASE);
    assertThat(stored.statusCode()).isEqualTo(200);
    assertThat(stored("coordinator.sf", SF, ours)).isEqualTo(5);

    // Bound to its site by its token's sites claim: another site's participant is not found.
    var theirs = participantAt(BOS);
    var refused =
        fhir(given().auth().oauth2(device))
            .body(bundle(BundleType.TRANSACTION, normal(theirs, minutesAgo(5))))
            .when()
            .post(BASE);
    assertThat(refused.statusCode()).isEqualTo(404);
    assertThat(stored("investigator.bos", BOS, theirs)).isZero();

    // It reads nothing, not even what it posted.
    fhir(given().auth().oauth2(device))
        .when()
        .get(BASE + "/Observation?subject=" + ours)
        .then()
        .statusCode(403);
    fhir(given().auth().oauth2(device)).when().get(BASE + "/AdverseEvent").then().statusCode(403);
    given()
        .auth()
        .oauth2(device)
        .queryParam("siteCode", SF)
        .when()
        .get("/api/safety/vitals")
        .then()
        .statusCode(403);
  }
}

package org.mdmaat.outcomes.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.mdmaat.outcomes.OutcomesFixtures.as;
import static org.mdmaat.outcomes.OutcomesFixtures.assessment;
import static org.mdmaat.outcomes.OutcomesFixtures.newCode;
import static org.mdmaat.outcomes.OutcomesFixtures.newTrial;
import static org.mdmaat.outcomes.OutcomesFixtures.randomize;
import static org.mdmaat.outcomes.OutcomesFixtures.sds;
import static org.mdmaat.outcomes.OutcomesFixtures.unblind;

import ca.uhn.fhir.context.FhirContext;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.outcomes.SelfServedPeersPort;

/**
 * Instruments as FHIR R4 Questionnaire and assessments as QuestionnaireResponse (issue 21): what
 * the REST API records comes back through FHIR, with the REST API's roles and site scope, and never
 * an arm.
 */
@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "outcomes"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedPeersPort.class)
class FhirResourceTest {
  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private static final String BASE = "/api/outcomes/fhir/r4";

  private static <T extends IBaseResource> T read(
      String user, String path, int status, Class<T> type, Object... params) {
    var body =
        as(user)
            .accept("application/fhir+json")
            .when()
            .get(BASE + path, params)
            .then()
            .statusCode(status)
            .contentType(startsWith("application/fhir+json"))
            .extract()
            .asString();
    return FHIR.newJsonParser().parseResource(type, body);
  }

  private static String record(String code, Map<String, Integer> responses) {
    return record(code, "BASELINE", responses);
  }

  private static String record(String code, String timepoint, Map<String, Integer> responses) {
    return as("coordinator.sf")
        .contentType("application/json")
        .body(assessment("SDS", timepoint, responses))
        .when()
        .post("/api/outcomes/participants/{code}/assessments", code)
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static Map<String, Integer> answers(QuestionnaireResponse response) {
    var answers = new java.util.LinkedHashMap<String, Integer>();
    for (var item : response.getItem()) {
      answers.put(item.getLinkId(), item.getAnswerFirstRep().getValueIntegerType().getValue());
    }
    return answers;
  }

  private static String problem(OperationOutcome outcome) {
    return outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode();
  }

  @Test
  void anAssessmentRecordedThroughTheApiIsAQuestionnaireResponseWithItsAnswersAndTotal() {
    var trial = newTrial();
    var code = newCode();
    randomize(code, trial);
    var id = record(code, sds(7, 5, 6));

    var response =
        read("rater.sf", "/QuestionnaireResponse/{id}", 200, QuestionnaireResponse.class, id);
    assertThat(response.getIdElement().getIdPart()).isEqualTo(id);
    assertThat(response.getQuestionnaire()).isEqualTo("urn:mdmaat:fhir:Questionnaire/SDS");
    assertThat(response.getStatus())
        .isEqualTo(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
    assertThat(response.getSubject().getReference()).isNull();
    assertThat(response.getSubject().getIdentifier().getSystem())
        .isEqualTo("urn:mdmaat:participant-code");
    assertThat(response.getSubject().getIdentifier().getValue()).isEqualTo(code);
    assertThat(response.getAuthored().toInstant()).isEqualTo(Instant.parse("2026-03-02T17:30:00Z"));
    // The instrument's order, with its labels.
    assertThat(answers(response))
        .containsExactly(Map.entry("WORK", 7), Map.entry("SOCIAL", 5), Map.entry("FAMILY", 6));
    assertThat(response.getItemFirstRep().getText()).isEqualTo("Work / school");
    var total =
        response.getExtensionByUrl(
            "urn:mdmaat:fhir:StructureDefinition/questionnaire-response-total-score");
    assertThat(((IntegerType) total.getValue()).getValue()).isEqualTo(18);
    var timepoint =
        response.getExtensionByUrl(
            "urn:mdmaat:fhir:StructureDefinition/questionnaire-response-timepoint");
    assertThat(((CodeType) timepoint.getValue()).getValue()).isEqualTo("BASELINE");
    var site =
        response.getExtensionByUrl(
            "urn:mdmaat:fhir:StructureDefinition/questionnaire-response-site");
    assertThat(((Reference) site.getValue()).getIdentifier().getValue()).isEqualTo("US-SF-01");

    // A correction: the response is amended and carries the new values.
    as("coordinator.sf")
        .contentType("application/json")
        .body(Map.of("responses", sds(7, 5, 2), "reason", "family misread"))
        .when()
        .put("/api/outcomes/assessments/{id}", id)
        .then()
        .statusCode(200);
    var amended =
        read(
            "investigator.sf", "/QuestionnaireResponse/{id}", 200, QuestionnaireResponse.class, id);
    assertThat(amended.getStatus())
        .isEqualTo(QuestionnaireResponse.QuestionnaireResponseStatus.AMENDED);
    assertThat(answers(amended)).containsEntry("FAMILY", 2);

    // Search by subject, plainly or by identifier; paged.
    var second = record(code, "PRIMARY_ENDPOINT", sds(1, 1, 1));
    var found =
        read(
            "coordinator.sf",
            "/QuestionnaireResponse?subject={code}&_count=1",
            200,
            Bundle.class,
            code);
    assertThat(found.getTotal()).isEqualTo(2);
    assertThat(found.getEntry()).hasSize(1);
    assertThat(found.getLink("next")).isNotNull();
    var byIdentifier =
        read(
            "rater.sf",
            "/QuestionnaireResponse?subject:identifier=urn:mdmaat:participant-code|{code}",
            200,
            Bundle.class,
            code);
    assertThat(byIdentifier.getEntry())
        .extracting(e -> e.getResource().getIdElement().getIdPart())
        .containsExactlyInAnyOrder(id, second);
    assertThat(byIdentifier.getEntryFirstRep().getFullUrl())
        .endsWith(
            "/fhir/r4/QuestionnaireResponse/"
                + byIdentifier.getEntryFirstRep().getResource().getIdElement().getIdPart());

    // A search without its participant, or with a parameter not taken, is refused: never widened.
    assertThat(problem(read("rater.sf", "/QuestionnaireResponse", 400, OperationOutcome.class)))
        .isEqualTo("OUT-0400-SEARCH");
    assertThat(
            problem(
                read(
                    "rater.sf",
                    "/QuestionnaireResponse?subject={code}&status=completed",
                    400,
                    OperationOutcome.class,
                    code)))
        .isEqualTo("OUT-0400-SEARCH");
  }

  @Test
  void instrumentsAreQuestionnairesWithTheirItemsAndBounds() {
    var caps5 = read("therapist.sf1", "/Questionnaire/CAPS5", 200, Questionnaire.class);
    assertThat(caps5.getUrl()).isEqualTo("urn:mdmaat:fhir:Questionnaire/CAPS5");
    assertThat(caps5.getTitle()).isEqualTo("Clinician-Administered PTSD Scale for DSM-5");
    assertThat(caps5.getItem()).hasSize(22);
    var b1 = caps5.getItemFirstRep();
    assertThat(b1.getLinkId()).isEqualTo("B1");
    assertThat(b1.getText()).isEqualTo("Intrusive memories");
    assertThat(b1.getType()).isEqualTo(Questionnaire.QuestionnaireItemType.INTEGER);
    assertThat(b1.getRequired()).isTrue();
    assertThat(
            ((IntegerType)
                    b1.getExtensionByUrl("http://hl7.org/fhir/StructureDefinition/maxValue")
                        .getValue())
                .getValue())
        .isEqualTo(4);
    // F and G gate the diagnosis but are not summed.
    assertThat(caps5.getItem().get(20).getLinkId()).isEqualTo("F");
    assertThat(caps5.getItem().get(20).getRequired()).isFalse();
    // AUDIT 9 and 10 take only 0, 2 or 4.
    var audit = read("sponsor.maps", "/Questionnaire/AUDIT", 200, Questionnaire.class);
    var q9 =
        audit.getItem().stream().filter(i -> i.getLinkId().equals("Q9")).findFirst().orElseThrow();
    assertThat(q9.getAnswerOption())
        .extracting(o -> o.getValueIntegerType().getValue())
        .containsExactly(0, 2, 4);

    var all = read("regulator.fda", "/Questionnaire", 200, Bundle.class);
    assertThat(all.getEntry())
        .extracting(e -> e.getResource().getIdElement().getIdPart())
        .contains("CAPS5", "PCL5", "BDI2", "SDS", "AUDIT");
    assertThat(problem(read("rater.sf", "/Questionnaire/NOPE", 404, OperationOutcome.class)))
        .isEqualTo("OUT-0404");
  }

  @Test
  void anotherSitesResponseIsNotFoundAndOtherRolesAreRefused() {
    var trial = newTrial();
    var code = newCode();
    randomize(code, trial);
    var id = record(code, sds(3, 3, 3));

    assertThat(
            problem(
                read(
                    "coordinator.bos",
                    "/QuestionnaireResponse/{id}",
                    404,
                    OperationOutcome.class,
                    id)))
        .isEqualTo("OUT-0404");
    // Searching another site's participant finds nothing, as for one who does not exist.
    var none =
        read("coordinator.bos", "/QuestionnaireResponse?subject={c}", 200, Bundle.class, code);
    assertThat(none.getTotal()).isZero();
    assertThat(none.getEntry()).isEmpty();
    assertThat(
            problem(
                read(
                    "rater.sf",
                    "/QuestionnaireResponse/{id}",
                    404,
                    OperationOutcome.class,
                    "not-a-uuid")))
        .isEqualTo("OUT-0404");

    // As the assessments API: therapists, sponsors, DSMB and regulators do not read them.
    for (var user : List.of("therapist.sf1", "sponsor.maps", "dsmb.chair", "regulator.fda")) {
      as(user).when().get(BASE + "/QuestionnaireResponse/{id}", id).then().statusCode(403);
      as(user).when().get(BASE + "/QuestionnaireResponse?subject={c}", code).then().statusCode(403);
    }
    io.restassured.RestAssured.given()
        .when()
        .get(BASE + "/Questionnaire/SDS")
        .then()
        .statusCode(401);
  }

  @Test
  void aResponseNeverCarriesAnArmNotEvenAfterUnblinding() {
    var trial = newTrial();
    var code = newCode();
    randomize(code, trial);
    var id = record(code, sds(4, 4, 4));
    unblind(trial);
    var body =
        as("investigator.sf")
            .when()
            .get(BASE + "/QuestionnaireResponse/{id}", id)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(body)
        .doesNotContain("\"arm\"")
        .doesNotContain("PLACEBO")
        .doesNotContain("\"MDMA\"")
        .doesNotContain("KIT-");
    var response = FHIR.newJsonParser().parseResource(QuestionnaireResponse.class, body);
    assertThat(response.getExtension())
        .extracting(e -> e.getUrl())
        .noneMatch(url -> url.contains("arm") || url.contains("allocation"));
  }

  @Test
  void theCapabilityStatementIsPublicAndNamesBothTypes() {
    var body =
        io.restassured.RestAssured.given()
            .when()
            .get(BASE + "/metadata")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    var cs = FHIR.newJsonParser().parseResource(CapabilityStatement.class, body);
    assertThat(cs.getRestFirstRep().getResource())
        .extracting(r -> r.getType())
        .containsExactly("Questionnaire", "QuestionnaireResponse");
    assertThat(cs.getRestFirstRep().getResource().get(1).getSearchParam())
        .extracting(p -> p.getName())
        .contains("subject");
  }
}

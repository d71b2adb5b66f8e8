package org.mdmaat.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import java.time.Duration;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.Platform;

/**
 * Issue 21: instruments and assessments through the gateway's {@code /fhir/r4} as Questionnaire and
 * QuestionnaireResponse, served by outcomes-service with its REST API's roles and site scope.
 */
class FhirQuestionnaireTest {
  private static final FhirContext FHIR = FhirContext.forR4Cached();

  private final Platform platform = RunningPlatform.get();

  @Test
  void anAssessmentRecordedThroughTheApiIsReadAsAQuestionnaireResponseAtTheGateway() {
    var participant = Scenario.realParticipant(platform, Scenario.SF);
    Scenario.randomize(Scenario.as(platform, "coordinator.sf"), participant);
    var assessments = "/api/outcomes/participants/" + participant + "/assessments";
    // outcomes-service learns of the participant from recruitment's event.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> Scenario.as(platform, "coordinator.sf").get(assessments).statusCode() == 200);
    String id =
        Scenario.as(platform, "coordinator.sf")
            .contentType("application/json")
            .body(
                Map.of(
                    "instrument",
                    "SDS",
                    "timepoint",
                    "BASELINE",
                    "administeredAt",
                    "2026-03-02T09:30:00-08:00",
                    "responses",
                    Map.of("WORK", 6, "SOCIAL", 4, "FAMILY", 5)))
            .post(assessments)
            .then()
            .statusCode(201)
            .extract()
            .path("id");

    var answer =
        Scenario.as(platform, "rater.sf")
            .accept("application/fhir+json")
            .get("/fhir/r4/QuestionnaireResponse/" + id);
    assertThat(answer.statusCode()).isEqualTo(200);
    var response =
        FHIR.newJsonParser().parseResource(QuestionnaireResponse.class, answer.asString());
    assertThat(response.getQuestionnaire()).isEqualTo("urn:mdmaat:fhir:Questionnaire/SDS");
    assertThat(response.getSubject().getIdentifier().getValue()).isEqualTo(participant);
    assertThat(response.getItem())
        .extracting(i -> i.getLinkId())
        .containsExactly("WORK", "SOCIAL", "FAMILY");
    var total =
        response.getExtensionByUrl(
            "urn:mdmaat:fhir:StructureDefinition/questionnaire-response-total-score");
    assertThat(((IntegerType) total.getValue()).getValue()).isEqualTo(15);

    var search =
        FHIR.newJsonParser()
            .parseResource(
                Bundle.class,
                Scenario.as(platform, "investigator.sf")
                    .get("/fhir/r4/QuestionnaireResponse?subject=" + participant)
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString());
    assertThat(search.getEntry())
        .extracting(e -> e.getResource().getIdElement().getIdPart())
        .containsExactly(id);
    assertThat(search.getEntryFirstRep().getFullUrl()).contains("/fhir/r4/QuestionnaireResponse/");

    // Another site's staff: not found, and their search finds nothing.
    var elsewhere =
        Scenario.as(platform, "coordinator.bos").get("/fhir/r4/QuestionnaireResponse/" + id);
    assertThat(elsewhere.statusCode()).isEqualTo(404);
    var outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, elsewhere.asString());
    assertThat(outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode())
        .isEqualTo("OUT-0404");
    var none =
        FHIR.newJsonParser()
            .parseResource(
                Bundle.class,
                Scenario.as(platform, "coordinator.bos")
                    .get("/fhir/r4/QuestionnaireResponse?subject=" + participant)
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString());
    assertThat(none.getTotal()).isZero();
    // A role the assessments API refuses is refused at the gateway.
    Scenario.as(platform, "sponsor.maps")
        .get("/fhir/r4/QuestionnaireResponse/" + id)
        .then()
        .statusCode(403);
  }

  @Test
  void theInstrumentsAreQuestionnaires() {
    var answer =
        Scenario.as(platform, "sponsor.maps")
            .accept("application/fhir+json")
            .get("/fhir/r4/Questionnaire/CAPS5");
    assertThat(answer.statusCode()).isEqualTo(200);
    var caps5 = FHIR.newJsonParser().parseResource(Questionnaire.class, answer.asString());
    assertThat(caps5.getItem()).hasSize(22);
    assertThat(caps5.getItemFirstRep().getLinkId()).isEqualTo("B1");
    var all =
        FHIR.newJsonParser()
            .parseResource(
                Bundle.class,
                Scenario.as(platform, "therapist.sf1")
                    .get("/fhir/r4/Questionnaire")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString());
    assertThat(all.getEntry())
        .extracting(e -> e.getResource().getIdElement().getIdPart())
        .contains("CAPS5", "PCL5", "SDS");
  }
}

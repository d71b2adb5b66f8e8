package org.mdmaat.recruitment.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mdmaat.recruitment.Api.as;

import ca.uhn.fhir.context.FhirContext;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.recruitment.Api;
import org.mdmaat.recruitment.SelfServedPort;

/**
 * The FHIR R4 endpoint: trials as ResearchStudy (the sponsor's own, and those held at a site's
 * staff's sites), participants as ResearchSubject (the caller's sites only, never a name, contact
 * or arm), the refusals (401, 403, 404, 400) and the CapabilityStatement. Read with HAPI's parser.
 */
@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "recruitment"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedPort.class)
class FhirResourceTest {
  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private static final String BASE = "/api/recruitment/fhir/r4";
  private static final String P = "/api/recruitment/participants";

  static Response get(String user, String path, Object... params) {
    return as(user).accept("application/fhir+json").when().get(BASE + path, params);
  }

  static <T extends Resource> T read(Response response, Class<T> type) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    assertThat(response.contentType()).startsWith("application/fhir+json");
    return FHIR.newJsonParser().parseResource(type, response.asString());
  }

  static String problemCode(Response response) {
    assertThat(response.contentType()).startsWith("application/fhir+json");
    var outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, response.asString());
    return outcome.getIssueFirstRep().getDetails().getCodingFirstRep().getCode();
  }

  static List<String> ids(Bundle bundle) {
    return bundle.getEntry().stream().map(e -> e.getResource().getIdElement().getIdPart()).toList();
  }

  static String register(String coordinator, String trial, String site) {
    return as(coordinator)
        .body(Api.candidate(trial, site))
        .when()
        .post(P)
        .then()
        .statusCode(201)
        .extract()
        .path("code");
  }

  // --- ResearchStudy

  @Test
  void aTrialIsAResearchStudyWithItsMappedStatusAndSites() {
    var trial = Api.recruitingTrial();
    var study = read(get("sponsor.maps", "/ResearchStudy/{id}", trial), ResearchStudy.class);

    assertThat(study.getIdElement().getIdPart()).isEqualTo(trial);
    assertThat(study.getStatus()).isEqualTo(ResearchStudy.ResearchStudyStatus.ACTIVE);
    assertThat(
            ((CodeType) study.getExtensionByUrl(ResearchResources.CTGOV_STATUS).getValue())
                .getValue())
        .isEqualTo("RECRUITING");
    assertThat(study.getPhase().getCodingFirstRep().getCode()).isEqualTo("phase-3");
    assertThat(study.getSite())
        .extracting(s -> s.getIdentifier().getValue())
        .containsExactly("US-BOS-02", "US-SF-01");
    assertThat(study.getSite())
        .allSatisfy(s -> assertThat(s.getIdentifier().getSystem()).isEqualTo("urn:mdmaat:site"));

    // Site staff read the trials held at their sites, as a hospital's client does.
    var atSite = read(get("investigator.sf", "/ResearchStudy/{id}", trial), ResearchStudy.class);
    assertThat(atSite.getTitle()).isEqualTo(study.getTitle());
    // The randomization seed and arms are never part of it.
    assertThat(get("coordinator.bos", "/ResearchStudy/{id}", trial).asString())
        .doesNotContain("seed")
        .doesNotContain("\"arm\"");
  }

  @Test
  void anotherSponsorsTrialOrOneNotAtTheCallersSitesIsNotFound() {
    var trial = Api.recruitingTrial();
    var other = get("sponsor.northstar", "/ResearchStudy/{id}", trial);
    assertThat(other.statusCode()).isEqualTo(404);
    assertThat(problemCode(other)).isEqualTo("REC-0404");

    var body = Api.trialBody(Api.unique("ELSE"));
    body.put("sites", List.of(Api.site("DE-BER-09", "DE", "Berlin", "Europe/Berlin")));
    var elsewhere = Api.createTrial("sponsor.maps", body);
    assertThat(get("investigator.sf", "/ResearchStudy/{id}", elsewhere).statusCode())
        .isEqualTo(404);
    var search = read(get("investigator.sf", "/ResearchStudy?_count=200"), Bundle.class);
    assertThat(ids(search)).doesNotContain(elsewhere);
    // The sponsor reads it.
    assertThat(get("sponsor.maps", "/ResearchStudy/{id}", elsewhere).statusCode()).isEqualTo(200);
    assertThat(ids(read(get("sponsor.northstar", "/ResearchStudy?_count=200"), Bundle.class)))
        .doesNotContain(trial, elsewhere);
  }

  @Test
  void studiesAreSearchedByTheirMappedStatus() {
    var recruiting = Api.recruitingTrial();
    var notYet = Api.createTrial("sponsor.maps", Api.trialBody(Api.unique("NYR")));

    var active = read(get("sponsor.maps", "/ResearchStudy?status=active&_count=200"), Bundle.class);
    assertThat(active.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
    assertThat(ids(active)).contains(recruiting).doesNotContain(notYet);
    assertThat(active.getEntry())
        .allSatisfy(
            e ->
                assertThat(((ResearchStudy) e.getResource()).getStatus())
                    .isEqualTo(ResearchStudy.ResearchStudyStatus.ACTIVE));

    var approved =
        read(get("sponsor.maps", "/ResearchStudy?status=approved&_count=200"), Bundle.class);
    assertThat(ids(approved)).contains(notYet).doesNotContain(recruiting);
    var both =
        read(get("sponsor.maps", "/ResearchStudy?status=approved,active&_count=200"), Bundle.class);
    assertThat(ids(both)).contains(notYet, recruiting);

    var paged = read(get("sponsor.maps", "/ResearchStudy?_count=1"), Bundle.class);
    assertThat(paged.getEntry()).hasSize(1);
    assertThat(paged.getTotal()).isGreaterThan(1);
    assertThat(paged.getLink("next").getUrl())
        .contains("/fhir/r4/ResearchStudy?")
        .contains("_page=1");

    var unknown = get("sponsor.maps", "/ResearchStudy?status=recruiting");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(problemCode(unknown)).isEqualTo("REC-0400-FHIR-SEARCH");
    var unsupported = get("sponsor.maps", "/ResearchStudy?title=MAPP");
    assertThat(unsupported.statusCode()).isEqualTo(400);
    assertThat(problemCode(unsupported)).isEqualTo("REC-0400-FHIR-SEARCH");
  }

  @Test
  void rolesTheTrialsApiRefusesAreRefused() {
    var trial = Api.recruitingTrial();
    assertThat(get("therapist.sf1", "/ResearchStudy/{id}", trial).statusCode()).isEqualTo(403);
    assertThat(get("regulator.fda", "/ResearchStudy").statusCode()).isEqualTo(403);
    assertThat(
            RestAssured.given()
                .accept("application/fhir+json")
                .when()
                .get(BASE + "/ResearchStudy/{id}", trial)
                .statusCode())
        .isEqualTo(401);
  }

  // --- ResearchSubject

  @Test
  void aParticipantIsAResearchSubjectByCodeOnlyNeverNameContactOrArm() {
    var trial = Api.recruitingTrial();
    var code = register("coordinator.sf", trial, "US-SF-01");
    Api.eligible(code, trial);
    as("coordinator.sf").when().post(P + "/{code}/enrollment", code).then().statusCode(200);
    as("coordinator.sf").when().post(P + "/{code}/randomization", code).then().statusCode(200);

    var response = get("investigator.sf", "/ResearchSubject/{code}", code);
    var subject = read(response, ResearchSubject.class);
    assertThat(subject.getIdElement().getIdPart()).isEqualTo(code);
    assertThat(subject.getIdentifierFirstRep().getSystem())
        .isEqualTo("urn:mdmaat:participant-code");
    assertThat(subject.getStatus()).isEqualTo(ResearchSubject.ResearchSubjectStatus.ONSTUDY);
    assertThat(subject.getStudy().getReference()).isEqualTo("ResearchStudy/" + trial);
    assertThat(subject.getIndividual().getIdentifier().getValue()).isEqualTo(code);
    assertThat(subject.hasAssignedArm()).isFalse();
    assertThat(subject.hasActualArm()).isFalse();
    assertThat(response.asString())
        .doesNotContain("Secretname")
        .doesNotContain("jordan@example.org")
        .doesNotContain("415 555")
        .doesNotContain("MDMA")
        .doesNotContain("PLACEBO")
        .doesNotContain("K-")
        .doesNotContainIgnoringCase("arm");
  }

  @Test
  void anotherSitesSubjectIsNotFoundAndNotInTheSearch() {
    var trial = Api.recruitingTrial();
    var sf = register("coordinator.sf", trial, "US-SF-01");
    var bos = register("coordinator.bos", trial, "US-BOS-02");

    var refused = get("coordinator.sf", "/ResearchSubject/{code}", bos);
    assertThat(refused.statusCode()).isEqualTo(404);
    assertThat(problemCode(refused)).isEqualTo("REC-0404");

    var search = read(get("coordinator.sf", "/ResearchSubject?study={t}", trial), Bundle.class);
    assertThat(ids(search)).containsExactly(sf);
    assertThat(search.getTotal()).isEqualTo(1);
    var byReference =
        read(
            get("investigator.bos", "/ResearchSubject?study=ResearchStudy/{t}", trial),
            Bundle.class);
    assertThat(ids(byReference)).containsExactly(bos);
    assertThat(byReference.getEntryFirstRep().getFullUrl())
        .endsWith("/fhir/r4/ResearchSubject/" + bos);
  }

  @Test
  void subjectsAreForSiteStaffOnlyAndTheirReadsAreLogged() {
    var trial = Api.recruitingTrial();
    var code = register("coordinator.sf", trial, "US-SF-01");
    assertThat(get("sponsor.maps", "/ResearchSubject/{code}", code).statusCode()).isEqualTo(403);
    assertThat(get("therapist.sf1", "/ResearchSubject?study={t}", trial).statusCode())
        .isEqualTo(403);
    assertThat(get("pharmacist.sf", "/ResearchSubject/{code}", code).statusCode()).isEqualTo(403);

    as("coordinator.sf")
        .accept("application/fhir+json")
        .header("X-Access-Reason", "hospital EHR sync")
        .when()
        .get(BASE + "/ResearchSubject/{code}", code)
        .then()
        .statusCode(200);
    long total =
        as("regulator.fda")
            .queryParam("size", 1)
            .when()
            .get("/api/recruitment/audit/access-log")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getLong("total");
    var entries =
        as("regulator.fda")
            .queryParam("page", total - 2)
            .queryParam("size", 1)
            .when()
            .get("/api/recruitment/audit/access-log")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(entries.getString("items[0].resource")).isEqualTo(code);
    assertThat(entries.getString("items[0].reason")).isEqualTo("hospital EHR sync");
  }

  @Test
  void theCapabilityStatementNamesWhatIsServed() {
    var statement =
        FHIR.newJsonParser()
            .parseResource(
                CapabilityStatement.class,
                RestAssured.given()
                    .when()
                    .get(BASE + "/metadata")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString());
    assertThat(statement.getRestFirstRep().getResource())
        .extracting(CapabilityStatement.CapabilityStatementRestResourceComponent::getType)
        .containsExactly("ResearchStudy", "ResearchSubject");
  }
}

package org.mdmaat.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.gateway.Tokens;
import org.mdmaat.gateway.stub.StubServices;

/** {@code /fhir/r4}: each resource type to the service that owns it, under the route policy. */
@QuarkusTest
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(StubServices.class)
class FhirRoutesTest {

  @Test
  void aDeviceBundleGoesToSafetyServiceWithTheCallersToken() {
    var token = Tokens.forUser("therapist.sf1");
    given()
        .auth()
        .oauth2(token)
        .contentType("application/fhir+json")
        .body("{\"resourceType\":\"Bundle\"}")
        .when()
        .post("/fhir/r4")
        .then()
        .statusCode(200)
        .header("Cache-Control", "no-store")
        .body("service", equalTo("safety"))
        .body("method", equalTo("POST"))
        .body("uri", equalTo("/api/safety/fhir/r4"))
        .body("headers.authorization", equalTo("Bearer " + token))
        .body("headers.content-type", startsWith("application/fhir+json"))
        .body("body", equalTo("{\"resourceType\":\"Bundle\"}"));
  }

  @Test
  void observationsAreSafetyServicesWithPathAndQuery() {
    given()
        .auth()
        .oauth2(Tokens.forUser("coordinator.sf"))
        .when()
        .get("/fhir/r4/Observation?subject=P-1&date=ge2026-01-01")
        .then()
        .statusCode(200)
        .body("service", equalTo("safety"))
        .body("uri", equalTo("/api/safety/fhir/r4/Observation?subject=P-1&date=ge2026-01-01"));
    given()
        .auth()
        .oauth2(Tokens.forUser("investigator.sf"))
        .when()
        .get("/fhir/r4/Observation/abc.spo2")
        .then()
        .statusCode(200)
        .body("uri", equalTo("/api/safety/fhir/r4/Observation/abc.spo2"));
  }

  @Test
  void theCapabilityStatementIsPublicAndMergesWhatEachServiceServesHere() {
    var body =
        given()
            .when()
            .get("/fhir/r4/metadata")
            .then()
            .statusCode(200)
            .contentType(startsWith("application/fhir+json"))
            .extract()
            .asString();
    var statement =
        ca.uhn.fhir.context.FhirContext.forR4Cached()
            .newJsonParser()
            .parseResource(org.hl7.fhir.r4.model.CapabilityStatement.class, body);
    var rest = statement.getRestFirstRep();
    // Each service's own types; not a type a service claims that no route gives it (Patient).
    org.assertj.core.api.Assertions.assertThat(rest.getResource())
        .extracting(r -> r.getType())
        .containsExactly(
            "AdverseEvent",
            "Observation",
            "Questionnaire",
            "QuestionnaireResponse",
            "ResearchStudy",
            "ResearchSubject");
    // Bundles go to safety only: its transaction interaction, not recruitment's claim of one.
    org.assertj.core.api.Assertions.assertThat(rest.getInteraction()).hasSize(1);
    org.assertj.core.api.Assertions.assertThat(rest.getSecurity().getDescription())
        .contains("safety security")
        .contains("recruitment security")
        .contains("outcomes security");
  }

  @Test
  void questionnairesAndResponsesAreOutcomesServices() {
    given()
        .auth()
        .oauth2(Tokens.forUser("sponsor.maps"))
        .when()
        .get("/fhir/r4/Questionnaire/CAPS5")
        .then()
        .statusCode(200)
        .body("service", equalTo("outcomes"))
        .body("uri", equalTo("/api/outcomes/fhir/r4/Questionnaire/CAPS5"));
    given()
        .auth()
        .oauth2(Tokens.forUser("rater.sf"))
        .when()
        .get("/fhir/r4/QuestionnaireResponse?subject=P-ABCDEFGH")
        .then()
        .statusCode(200)
        .body("service", equalTo("outcomes"))
        .body("uri", equalTo("/api/outcomes/fhir/r4/QuestionnaireResponse?subject=P-ABCDEFGH"));
    // Roles the assessments API never lets read them: refused at the gateway, nothing relayed.
    for (var user : java.util.List.of("sponsor.maps", "therapist.sf1", "regulator.fda")) {
      given()
          .auth()
          .oauth2(Tokens.forUser(user))
          .when()
          .get("/fhir/r4/QuestionnaireResponse?subject=P-ABCDEFGH")
          .then()
          .statusCode(403)
          .body("code", equalTo("GW-0403"));
    }
    given().when().get("/fhir/r4/Questionnaire").then().statusCode(401);
  }

  @Test
  void researchStudiesAndSubjectsAreRecruitmentServices() {
    given()
        .auth()
        .oauth2(Tokens.forUser("sponsor.maps"))
        .when()
        .get("/fhir/r4/ResearchStudy?status=active")
        .then()
        .statusCode(200)
        .body("service", equalTo("recruitment"))
        .body("uri", equalTo("/api/recruitment/fhir/r4/ResearchStudy?status=active"));
    given()
        .auth()
        .oauth2(Tokens.forUser("coordinator.sf"))
        .when()
        .get("/fhir/r4/ResearchSubject/P-ABCDEFGH")
        .then()
        .statusCode(200)
        .body("service", equalTo("recruitment"))
        .body("uri", equalTo("/api/recruitment/fhir/r4/ResearchSubject/P-ABCDEFGH"));
    // Roles the services never let read them: refused at the gateway, nothing relayed.
    given()
        .auth()
        .oauth2(Tokens.forUser("therapist.sf1"))
        .when()
        .get("/fhir/r4/ResearchStudy")
        .then()
        .statusCode(403)
        .body("code", equalTo("GW-0403"));
    given()
        .auth()
        .oauth2(Tokens.forUser("sponsor.maps"))
        .when()
        .get("/fhir/r4/ResearchSubject?study=T-1")
        .then()
        .statusCode(403)
        .body("code", equalTo("GW-0403"));
    given().when().get("/fhir/r4/ResearchSubject").then().statusCode(401);
  }

  @Test
  void theRoutePolicyGuardsFhirAsTheRestApi() {
    // No token.
    given()
        .when()
        .get("/fhir/r4/Observation")
        .then()
        .statusCode(401)
        .contentType(startsWith("application/problem+json"))
        .body("code", equalTo("GW-0401"));
    // Roles the vitals API never allows: nothing is relayed.
    given()
        .auth()
        .oauth2(Tokens.forUser("rater.sf"))
        .when()
        .get("/fhir/r4/Observation")
        .then()
        .statusCode(403)
        .body("code", equalTo("GW-0403"));
    given()
        .auth()
        .oauth2(Tokens.forUser("coordinator.sf"))
        .contentType("application/fhir+json")
        .body("{}")
        .when()
        .post("/fhir/r4")
        .then()
        .statusCode(403)
        .body("code", equalTo("GW-0403"));
    given()
        .auth()
        .oauth2(Tokens.forUser("regulator.fda"))
        .contentType("application/fhir+json")
        .body("{}")
        .when()
        .post("/fhir/r4")
        .then()
        .statusCode(403);
  }

  @Test
  void aTypeNoServiceServesIs404() {
    given()
        .auth()
        .oauth2(Tokens.forUser("investigator.sf"))
        .when()
        .get("/fhir/r4/Patient/1")
        .then()
        .statusCode(404)
        .contentType(startsWith("application/problem+json"))
        .body("code", equalTo("GW-0404"));
    given()
        .auth()
        .oauth2(Tokens.forUser("investigator.sf"))
        .when()
        .get("/fhir/r5/Observation")
        .then()
        .statusCode(404)
        .body("code", equalTo("GW-0404"));
    // A search across all types is not served.
    given()
        .auth()
        .oauth2(Tokens.forUser("investigator.sf"))
        .when()
        .get("/fhir/r4")
        .then()
        .statusCode(404);
  }

  @Test
  void aMonitorsOwnClientMayOnlyPostBundles() {
    var device = org.mdmaat.devstack.KeycloakServer.shared().serviceToken("monitor-sf");
    given()
        .auth()
        .oauth2(device)
        .contentType("application/fhir+json")
        .body("{\"resourceType\":\"Bundle\"}")
        .when()
        .post("/fhir/r4")
        .then()
        .statusCode(200)
        .body("service", equalTo("safety"))
        .body("uri", equalTo("/api/safety/fhir/r4"));
    // It reads nothing: no FHIR type, no REST API.
    for (var path :
        new String[] {
          "/fhir/r4/Observation",
          "/fhir/r4/AdverseEvent",
          "/fhir/r4/ResearchStudy",
          "/fhir/r4/ResearchSubject/P-1",
          "/api/safety/vitals",
          "/api/recruitment/participants"
        }) {
      given()
          .auth()
          .oauth2(device)
          .when()
          .get(path)
          .then()
          .statusCode(403)
          .body("code", equalTo("GW-0403"));
    }
    given()
        .auth()
        .oauth2(device)
        .contentType("application/json")
        .body("{}")
        .when()
        .post("/api/safety/vitals/batch")
        .then()
        .statusCode(403);
  }
}

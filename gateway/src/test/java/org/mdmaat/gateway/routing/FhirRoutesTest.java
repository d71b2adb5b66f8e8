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
  void theCapabilityStatementIsPublic() {
    given()
        .when()
        .get("/fhir/r4/metadata")
        .then()
        .statusCode(200)
        .body("service", equalTo("safety"))
        .body("uri", equalTo("/api/safety/fhir/r4/metadata"));
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
}

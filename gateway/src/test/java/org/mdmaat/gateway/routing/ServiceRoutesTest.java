package org.mdmaat.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.KeycloakServer;

@QuarkusTest
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(EchoUpstream.class)
class ServiceRoutesTest {

  private static String token(String user) {
    return KeycloakServer.shared().accessToken(user, "demo");
  }

  @Test
  void refusesAServiceRouteWithoutAToken() {
    given().when().get("/api/safety/holds").then().statusCode(401);
  }

  @Test
  void refusesATamperedToken() {
    var token = token("coordinator.sf");
    var parts = token.split("\\.");
    // Same header and signature, a payload that claims to be someone else.
    var forged = parts[0] + "." + parts[1].substring(0, parts[1].length() - 4) + "AAAA." + parts[2];
    given().auth().oauth2(forged).when().get("/api/safety/holds").then().statusCode(401);
  }

  @Test
  void relaysAnAuthenticatedRequestWithTokenPathQueryAndBody() {
    var token = token("investigator.sf");
    given()
        .auth()
        .oauth2(token)
        .contentType("application/json")
        .body("{\"reason\":\"x\"}")
        .when()
        .post("/api/safety/holds?siteCode=US-SF-01")
        .then()
        .statusCode(200)
        .header("X-Upstream", "echo")
        .header(ServiceRelay.CORRELATION_ID, not(emptyOrNullString()))
        .body("method", equalTo("POST"))
        .body("uri", equalTo("/api/safety/holds?siteCode=US-SF-01"))
        .body("headers.authorization", equalTo("Bearer " + token))
        .body("headers.x-correlation-id", not(emptyOrNullString()))
        .body("body", equalTo("{\"reason\":\"x\"}"));
  }

  @Test
  void keepsTheCallersCorrelationIdAndTheServicesStatus() {
    given()
        .auth()
        .oauth2(token("coordinator.sf"))
        .header(ServiceRelay.CORRELATION_ID, "trace-123")
        .when()
        .get("/api/sessions/teapot")
        .then()
        .statusCode(418)
        .header(ServiceRelay.CORRELATION_ID, "trace-123")
        .body("headers.x-correlation-id", equalTo("trace-123"));
  }

  @Test
  void letsAnonymousCallersReachOnlyThePublicRecruitmentRoutes() {
    given()
        .when()
        .get("/api/recruitment/recruitment-calls?page=0")
        .then()
        .statusCode(200)
        .body("uri", equalTo("/api/recruitment/recruitment-calls?page=0"))
        .body("headers.authorization", equalTo(null));
    given().when().get("/api/recruitment/trials").then().statusCode(401);
  }

  @Test
  void answers503ProblemNamingTheServiceWhenItIsDown() {
    given()
        .auth()
        .oauth2(token("rater.sf"))
        .when()
        .get("/api/outcomes/assessments")
        .then()
        .statusCode(503)
        .contentType(startsWith("application/problem+json"))
        .body("code", equalTo("GW-0503"))
        .body("detail", startsWith("outcomes"));
  }

  @Test
  void leavesUnknownPathsUnrouted() {
    given()
        .auth()
        .oauth2(token("coordinator.sf"))
        .when()
        .get("/api/unknown/x")
        .then()
        .statusCode(404);
  }
}

package org.mdmaat.gateway.routing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.gateway.Tokens;
import org.mdmaat.gateway.stub.StubServices;
import org.mdmaat.gateway.stub.Stubs;

@QuarkusTest
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(StubServices.class)
class ServiceRoutesTest {

  @Test
  void refusesAServiceRouteWithoutATokenAsProblem() {
    given()
        .when()
        .get("/api/safety/holds")
        .then()
        .statusCode(401)
        .contentType(startsWith("application/problem+json"))
        .header("WWW-Authenticate", startsWith("Bearer"))
        .body("code", equalTo("GW-0401"));
  }

  @Test
  void relaysAnAuthenticatedRequestWithTokenPathQueryAndBody() {
    var token = Tokens.forUser("investigator.sf");
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
  void relaysTheIdempotencyKeyAndTheReplayHeader() {
    // The service keeps and replays answers by Idempotency-Key (platform IdempotencyFilter).
    given()
        .auth()
        .oauth2(Tokens.forUser("investigator.sf"))
        .header("Idempotency-Key", "c0ffee-1")
        .contentType("application/json")
        .body("{}")
        .when()
        .post("/api/safety/adverse-events")
        .then()
        .statusCode(200)
        .body("headers.idempotency-key", equalTo("c0ffee-1"));
  }

  @Test
  void relaysTheNormalizedPathThePolicyJudged() {
    // "recruitment-calls/.." would be public if judged raw; normalized it is /trials (signed in).
    given()
        .urlEncodingEnabled(false)
        .when()
        .get("/api/recruitment/recruitment-calls/../trials")
        .then()
        .statusCode(401);
    given()
        .urlEncodingEnabled(false)
        .auth()
        .oauth2(Tokens.forUser("sponsor.maps"))
        .when()
        .get("/api/recruitment/recruitment-calls/../trials?x=1")
        .then()
        .statusCode(200)
        .body("uri", equalTo("/api/recruitment/trials?x=1"));
  }

  @Test
  void replacesForwardedHeadersACallerMadeUp() {
    given()
        .auth()
        .oauth2(Tokens.forUser("coordinator.sf"))
        .header("X-Forwarded-Host", "evil.example")
        .header("X-Forwarded-Port", "6666")
        .header("Forwarded", "host=evil.example")
        .when()
        .get("/api/sessions/x")
        .then()
        .statusCode(200)
        .body("headers.x-forwarded-host", not(equalTo("evil.example")))
        .body("headers.x-forwarded-port", equalTo(null))
        .body("headers.forwarded", equalTo(null));
  }

  @Test
  void keepsTheCallersCorrelationIdAndTheServicesStatus() {
    given()
        .auth()
        .oauth2(Tokens.forUser("coordinator.sf"))
        .header(ServiceRelay.CORRELATION_ID, "trace-123")
        .when()
        .get("/api/sessions/teapot")
        .then()
        .statusCode(418)
        .header(ServiceRelay.CORRELATION_ID, "trace-123")
        .body("headers.x-correlation-id", equalTo("trace-123"));
  }

  @Test
  void replacesAnUnsafeCorrelationId() {
    given()
        .auth()
        .oauth2(Tokens.forUser("coordinator.sf"))
        .header(ServiceRelay.CORRELATION_ID, "bad id with spaces")
        .when()
        .get("/api/sessions/x")
        .then()
        .statusCode(200)
        .header(ServiceRelay.CORRELATION_ID, not(equalTo("bad id with spaces")))
        .body("headers.x-correlation-id", not(equalTo("bad id with spaces")));
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
    given()
        .contentType("application/json")
        .body("{}")
        .when()
        .post("/api/recruitment/pre-screens")
        .then()
        .statusCode(200)
        .body("method", equalTo("POST"));
    given().when().get("/api/recruitment/trials").then().statusCode(401);
    // Posting a recruitment call is the sponsor's, not the public's.
    given()
        .contentType("application/json")
        .body("{}")
        .when()
        .post("/api/recruitment/recruitment-calls")
        .then()
        .statusCode(401);
  }

  @Test
  void answers503ProblemNamingTheServiceWhenItIsDown() {
    Stubs.mode("outcomes", "reset");
    try {
      given()
          .auth()
          .oauth2(Tokens.forUser("rater.sf"))
          .when()
          .get("/api/outcomes/assessments")
          .then()
          .statusCode(503)
          .contentType(startsWith("application/problem+json"))
          .header("Retry-After", not(emptyOrNullString()))
          .body("code", equalTo("GW-0503"))
          .body("detail", startsWith("outcomes"));
    } finally {
      Stubs.mode("outcomes", "normal");
    }
  }

  @Test
  void answers503WhenAServiceIsTooSlow() {
    Stubs.mode("sessions", "hang");
    try {
      given()
          .auth()
          .oauth2(Tokens.forUser("therapist.sf1"))
          .when()
          .get("/api/sessions/bookings")
          .then()
          .statusCode(503)
          .body("code", equalTo("GW-0503"))
          .body("detail", equalTo("sessions did not answer in time"));
    } finally {
      Stubs.mode("sessions", "normal");
    }
  }

  @Test
  void leavesUnknownPathsUnrouted() {
    given()
        .auth()
        .oauth2(Tokens.forUser("coordinator.sf"))
        .header(ServiceRelay.CORRELATION_ID, "trace-404")
        .when()
        .get("/api/unknown/x")
        .then()
        .statusCode(404)
        .contentType(startsWith("application/problem+json"))
        .header(ServiceRelay.CORRELATION_ID, "trace-404")
        .body("type", equalTo("urn:mdmaat:problem:GW-0404"))
        .body("title", equalTo("Not Found"))
        .body("status", equalTo(404))
        .body("detail", equalTo("No API at /api/unknown/x."))
        .body("code", equalTo("GW-0404"))
        .body("instance", equalTo("/api/unknown/x"))
        .body("traceId", equalTo("trace-404"))
        .body("violations", hasSize(0));
  }

  @Test
  void answersPathsOutsideTheApiWithoutTheServicesJaxRsMapping() {
    // platform-web's JAX-RS exception mappers are for the services; the gateway has no JAX-RS,
    // so an unknown path outside /api is Vert.x's plain 404, not a PLATFORM-0404 problem.
    given()
        .when()
        .get("/not-an-api")
        .then()
        .statusCode(404)
        .contentType(not(startsWith("application/problem+json")))
        .body(not(containsString("PLATFORM-")))
        .header(ServiceRelay.CORRELATION_ID, not(emptyOrNullString()));
  }
}

package org.mdmaat.gateway.hygiene;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.gateway.Tokens;
import org.mdmaat.gateway.stub.StubServices;

@QuarkusTest
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(StubServices.class)
class HygieneTest {

  private static void hasSecurityHeaders(ValidatableResponse response) {
    response
        .header("Strict-Transport-Security", startsWith("max-age="))
        .header("X-Content-Type-Options", "nosniff")
        .header("X-Frame-Options", "DENY")
        .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
        .header("Referrer-Policy", "no-referrer")
        .header("Cache-Control", "no-store")
        .header("X-Correlation-Id", not(nullValue()));
  }

  @Test
  void relayedAnswersCarryTheSecurityHeadersAndAreNeverCached() {
    // The stub says "public, max-age=3600"; the gateway's no-store wins.
    var response =
        given()
            .auth()
            .oauth2(Tokens.forRole("investigator"))
            .when()
            .get("/api/safety/holds")
            .then()
            .statusCode(200);
    hasSecurityHeaders(response);
  }

  @Test
  void refusalsCarryTheSecurityHeadersToo() {
    hasSecurityHeaders(given().when().get("/api/safety/holds").then().statusCode(401));
    hasSecurityHeaders(
        given()
            .auth()
            .oauth2(Tokens.forRole("rater"))
            .when()
            .get("/api/sessions/x")
            .then()
            .statusCode(403));
  }

  @Test
  void refusesABodyOverTheLimitWith413Problem() {
    var big = "x".repeat(3 * 1024 * 1024);
    given()
        .auth()
        .oauth2(Tokens.forRole("investigator"))
        .contentType("application/json")
        .body("{\"reason\":\"" + big + "\"}")
        .when()
        .post("/api/safety/holds")
        .then()
        .statusCode(413)
        .contentType(startsWith("application/problem+json"))
        .body("code", equalTo("GW-0413"));
    // Just under the limit is relayed.
    given()
        .auth()
        .oauth2(Tokens.forRole("investigator"))
        .contentType("application/json")
        .body("{\"reason\":\"" + "x".repeat(1024 * 1024) + "\"}")
        .when()
        .post("/api/safety/holds")
        .then()
        .statusCode(200);
  }

  @Test
  void answersCorsPreflightForAConfiguredOriginOnly() {
    given()
        .header("Origin", "http://localhost:3000")
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "authorization,content-type")
        .when()
        .options("/api/safety/holds")
        .then()
        .statusCode(200)
        .header("Access-Control-Allow-Origin", "http://localhost:3000")
        .header("Access-Control-Allow-Methods", containsString("POST"));
    given()
        .header("Origin", "https://evil.example")
        .header("Access-Control-Request-Method", "POST")
        .when()
        .options("/api/safety/holds")
        .then()
        .header("Access-Control-Allow-Origin", nullValue());
  }

  @Test
  void allowsACorsRequestFromAConfiguredOriginOnly() {
    given()
        .header("Origin", "http://localhost:3000")
        .auth()
        .oauth2(Tokens.forRole("investigator"))
        .when()
        .get("/api/safety/holds")
        .then()
        .statusCode(200)
        .header("Access-Control-Allow-Origin", "http://localhost:3000")
        .header("Access-Control-Expose-Headers", containsString("X-Correlation-Id"));
    given()
        .header("Origin", "https://evil.example")
        .auth()
        .oauth2(Tokens.forRole("investigator"))
        .when()
        .get("/api/safety/holds")
        .then()
        .header("Access-Control-Allow-Origin", nullValue());
  }
}

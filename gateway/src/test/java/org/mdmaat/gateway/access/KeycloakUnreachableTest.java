package org.mdmaat.gateway.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;
import org.mdmaat.gateway.Tokens;

/**
 * Keycloak cannot be reached: a token cannot be checked, which is the platform's fault, not the
 * caller's.
 */
@QuarkusTest
@TestProfile(KeycloakDownProfile.class)
class KeycloakUnreachableTest {

  @Test
  void answers503ProblemForATokenThatCannotBeChecked() {
    given()
        .auth()
        .oauth2(Tokens.forRole("investigator"))
        .when()
        .get("/api/safety/holds")
        .then()
        .statusCode(503)
        .contentType(startsWith("application/problem+json"))
        .body("code", equalTo("GW-0503-IDP"));
  }

  @Test
  void stillServesThePublicRoutes() {
    given().when().get("/api/recruitment/recruitment-calls").then().statusCode(200);
  }
}

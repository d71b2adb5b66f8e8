package org.mdmaat.platform.security.tokens;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.KeycloakServer;
import org.mdmaat.platform.Tokens;

/**
 * A real Keycloak token is verified once by this application and then answered from {@link
 * VerifiedTokens} by {@link VerifiedTokenMechanism}, with the same roles; a forged signature on the
 * same header and claims, and a token past its expiry, are never answered from there.
 */
@QuarkusTest
@QuarkusTestResource(KeycloakResource.class)
class TokenCacheTest {
  private static final String CALLER = "/api/web/probe/caller";

  @Inject VerifiedTokens tokens;

  @AfterEach
  void realClock() {
    tokens.clock(Clock.systemUTC());
  }

  @Test
  void aTokenIsVerifiedOnceAndThenAnsweredFromTheCache() {
    // A new login's token: devstack hands out one password-grant token per user for all tests.
    var token = KeycloakServer.shared().signingToken("coordinator.sf", "demo");
    long verified = tokens.verified();
    long hits = tokens.hits();

    for (int i = 0; i < 3; i++) {
      given()
          .auth()
          .oauth2(token)
          .when()
          .get(CALLER)
          .then()
          .statusCode(200)
          .body("subject", equalTo("coordinator.sf"))
          .body("sites[0]", equalTo("US-SF-01"));
    }

    assertThat(tokens.verified() - verified).as("full verifications").isEqualTo(1);
    assertThat(tokens.hits() - hits).as("answers from the cache").isEqualTo(2);
  }

  @Test
  void aCachedIdentityKeepsItsRolesAndTheirRefusals() {
    var coordinator = Tokens.token("coordinator.sf");
    var sponsor = Tokens.token("sponsor.maps");
    // Verified in full once each, then every call below is answered from the cache.
    given().auth().oauth2(coordinator).when().get(CALLER).then().statusCode(200);
    given().auth().oauth2(sponsor).when().get(CALLER).then().statusCode(200);
    long hits = tokens.hits();

    given()
        .header("Authorization", "bearer " + coordinator)
        .contentType("application/json")
        .body("{\"name\":\"x\",\"siteCode\":\"US-SF-01\",\"dose\":1}")
        .when()
        .post("/api/web/probe/coordinators-only")
        .then()
        .statusCode(200);
    given()
        .auth()
        .oauth2(sponsor)
        .contentType("application/json")
        .body("{\"name\":\"x\",\"siteCode\":\"US-SF-01\",\"dose\":1}")
        .when()
        .post("/api/web/probe/coordinators-only")
        .then()
        .statusCode(403);

    assertThat(tokens.hits() - hits).as("answers from the cache").isEqualTo(2);
  }

  @Test
  void withoutATokenTheChallengeIsStillOidcs() {
    given()
        .when()
        .get(CALLER)
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer"));
    given().header("Authorization", "Bearer ").when().get(CALLER).then().statusCode(401);
  }

  @Test
  void aForgedSignatureOnACachedTokensClaimsIsRefused() {
    var token = Tokens.token("sponsor.maps");
    given().auth().oauth2(token).when().get(CALLER).then().statusCode(200);
    long hits = tokens.hits();
    long verified = tokens.verified();

    var signatureAt = token.lastIndexOf('.') + 1;
    var signature = Base64.getUrlDecoder().decode(token.substring(signatureAt));
    signature[signature.length / 2] ^= 0x01;
    var forged =
        token.substring(0, signatureAt)
            + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);

    given().auth().oauth2(forged).when().get(CALLER).then().statusCode(401);

    assertThat(tokens.hits()).as("no answer from the cache").isEqualTo(hits);
    assertThat(tokens.verified()).as("nothing stored").isEqualTo(verified);
  }

  @Test
  void aCachedTokenPastItsExpiryIsNotAnsweredFromTheCache() {
    var token = Tokens.token("investigator.sf");
    given().auth().oauth2(token).when().get(CALLER).then().statusCode(200);
    long hits = tokens.hits();

    // The cache's clock past the token's exp (Keycloak's real tokens live 15 minutes): the entry
    // is refused and dropped, and the request goes to full verification (which would refuse a
    // token that had really expired; this one has not, so it is verified and answered).
    tokens.clock(Clock.fixed(Instant.now().plusSeconds(24 * 3600), ZoneOffset.UTC));
    given().auth().oauth2(token).when().get(CALLER).then().statusCode(200);

    assertThat(tokens.hits()).as("no answer from the cache").isEqualTo(hits);
  }

  @Test
  void aTokenWithoutAValidSignatureIsNeverStored() {
    long verified = tokens.verified();

    given()
        .auth()
        .oauth2("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")
        .when()
        .get(CALLER)
        .then()
        .statusCode(401);

    assertThat(tokens.verified()).isEqualTo(verified);
  }
}

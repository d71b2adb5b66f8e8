package org.mdmaat.platform.signature;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.KeycloakServer;
import org.mdmaat.platform.testapp.MovableClock;
import org.mdmaat.platform.testapp.SigningProbe;

@QuarkusTest
@QuarkusTestResource(KeycloakResource.class)
class SignaturesTest {
  static final String API = "/api/web/probe/signatures/";

  @Inject MovableClock clock;

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  static String freshLogin(String user) {
    return KeycloakServer.shared().signingToken(user, "demo");
  }

  @Test
  void aFreshLoginSignsWithTheNameAndIdTheIdentityProviderGives() {
    var token = freshLogin("investigator.sf");
    given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(Map.of("meaning", "APPROVAL"))
        .when()
        .post(API + "r-1")
        .then()
        .statusCode(200)
        .body("signerName", equalTo("Elena Marquez"))
        .body("signerUsername", equalTo("investigator.sf"))
        .body("signerId", matchesPattern("[0-9a-f-]{36}"))
        .body("meaning", equalTo("APPROVAL"))
        .body("recordType", equalTo("Probe"))
        .body("recordId", equalTo("r-1"))
        .body("contentHash", equalTo(Signatures.hash(SigningProbe.record("r-1"))))
        .body("signedAt", startsWith("20"))
        .body("authenticatedAt", startsWith("20"));
  }

  @Test
  void aTypedNameIsRefusedOnlyTheIdentityProvidersNameSigns() {
    given()
        .auth()
        .oauth2(freshLogin("pharmacist.sf"))
        .contentType(ContentType.JSON)
        .body(Map.of("meaning", "REVIEW", "printedName", "Somebody Else"))
        .when()
        .post(API + "r-2")
        .then()
        .statusCode(400)
        .body("detail", containsString("printedName"));
  }

  @Test
  void aLoginOlderThanTheWindowIsToldToAuthenticateAgain() {
    var token = freshLogin("investigator.sf");
    clock.moveAhead(Duration.ofMinutes(5).plusSeconds(5));
    given()
        .auth()
        .oauth2(token)
        .contentType(ContentType.JSON)
        .body(Map.of("meaning", "APPROVAL"))
        .when()
        .post(API + "r-3")
        .then()
        .statusCode(401)
        .contentType(startsWith("application/problem+json"))
        .body("code", equalTo(ReauthenticationRequired.CODE))
        .body("detail", containsString("Log in again"))
        .header("WWW-Authenticate", containsString("insufficient_user_authentication"))
        .header("WWW-Authenticate", containsString("max_age=300"));
  }

  @Test
  void aSignatureWithoutMeaningIsRefused() {
    given()
        .auth()
        .oauth2(freshLogin("investigator.sf"))
        .contentType(ContentType.JSON)
        .body(Map.of())
        .when()
        .post(API + "r-4")
        .then()
        .statusCode(400);
  }

  @Test
  void anonymousCannotSign() {
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("meaning", "APPROVAL"))
        .when()
        .post(API + "r-5")
        .then()
        .statusCode(401);
  }

  @Test
  void theHashBindsTheSignatureToItsRecord() {
    var record = SigningProbe.record("r-6");
    var signature =
        new ElectronicSignature(
            "id",
            "u",
            "N",
            SignatureMeaning.REVIEW,
            null,
            null,
            "Probe",
            "r-6",
            Signatures.hash(record));
    assertThat(Signatures.signs(signature, record)).isTrue();
    assertThat(Signatures.signs(signature, SigningProbe.record("r-7"))).isFalse();
    assertThat(
            Signatures.signs(
                signature, new SignedRecord("Probe", "r-6", Map.of("value", 2, "label", "x"))))
        .isFalse();
    // The order a map was built in does not change the hash.
    assertThat(Signatures.hash(new SignedRecord("T", "1", Map.of("a", 1, "b", 2))))
        .isEqualTo(
            Signatures.hash(
                new SignedRecord("T", "1", new java.util.TreeMap<>(Map.of("b", 2, "a", 1)))));
  }
}

package org.mdmaat.gateway.hygiene;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.gateway.Tokens;
import org.mdmaat.gateway.stub.StubServices;
import org.mdmaat.gateway.stub.Stubs;

@QuarkusTest
@TestProfile(StrictLimitsProfile.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(StubServices.class)
class RateLimitAndCircuitBreakerTest {
  @Inject MeterRegistry meters;

  /** Requests refused with 429 so far, for {@code caller} (metric of FrontDoor). */
  private double refused(String caller) {
    var counter = meters.find("mdmaat.gateway.rate.limited").tag("caller", caller).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void limitsAnonymousCallersPerAddress() {
    double before = refused("anonymous");
    for (int i = 0; i < 3; i++) {
      given().when().get("/api/recruitment/recruitment-calls").then().statusCode(200);
    }
    var retryAfter =
        given()
            .when()
            .get("/api/recruitment/recruitment-calls")
            .then()
            .statusCode(429)
            .contentType(startsWith("application/problem+json"))
            .body("code", equalTo("GW-0429"))
            .extract()
            .header("Retry-After");
    // One token comes back every 20 minutes (3 per hour).
    assertThat(Long.parseLong(retryAfter)).isBetween(1L, 1200L);
    assertThat(refused("anonymous")).isEqualTo(before + 1);
  }

  @Test
  void limitsSignedInCallersPerSubjectNotPerAddress() {
    double before = refused("authenticated");
    var rater = Tokens.forUser("rater.sf");
    for (int i = 0; i < 5; i++) {
      given().auth().oauth2(rater).when().get("/api/outcomes/x").then().statusCode(200);
    }
    given()
        .auth()
        .oauth2(rater)
        .when()
        .get("/api/outcomes/x")
        .then()
        .statusCode(429)
        .header("Retry-After", org.hamcrest.Matchers.notNullValue())
        .body("code", equalTo("GW-0429"));
    assertThat(refused("authenticated")).isEqualTo(before + 1);
    // Another person from the same address still gets through.
    given()
        .auth()
        .oauth2(Tokens.forUser("rater.bos"))
        .when()
        .get("/api/outcomes/x")
        .then()
        .statusCode(200);
  }

  @Test
  void opensTheCircuitOfADeadServiceAndAnswers503AtOnce() {
    Stubs.mode("safety", "reset");
    try {
      var investigator = Tokens.forUser("investigator.sf");
      for (int i = 0; i < 4; i++) {
        given()
            .auth()
            .oauth2(investigator)
            .when()
            .get("/api/safety/holds")
            .then()
            .statusCode(503)
            .body("detail", startsWith("safety"));
      }
      // The service is back, but the breaker (delay 1h) keeps it shut: the gateway does not call.
      Stubs.mode("safety", "normal");
      given()
          .auth()
          .oauth2(Tokens.forUser("investigator.bos"))
          .when()
          .get("/api/safety/holds")
          .then()
          .statusCode(503)
          .body("code", equalTo("GW-0503"))
          .body("detail", equalTo("safety is unavailable (circuit open)"));
      // Other services are not affected.
      given()
          .auth()
          .oauth2(Tokens.forUser("investigator.bos"))
          .when()
          .get("/api/sessions/x")
          .then()
          .statusCode(200);
    } finally {
      Stubs.mode("safety", "normal");
    }
  }
}

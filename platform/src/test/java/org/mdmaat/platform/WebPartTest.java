package org.mdmaat.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.mdmaat.platform.Services.as;
import static org.mdmaat.platform.Services.unique;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;

/**
 * The web part (platform-web, tested there in full) is wired into an application that depends on
 * platform alone, with platform's defaults: its problem mapping, correlation ids and caller scoping
 * answer as a service's do.
 */
@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "platform"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
class WebPartTest {
  static final String API = "/api/platform";

  static Map<String, Object> specimen(String siteCode) {
    return Map.of("name", unique("S"), "siteCode", siteCode, "dose", 1, "labels", List.of());
  }

  @Test
  void anUnknownFieldIsA400ProblemUnderPlatformsDefaults() {
    given()
        .header("X-Correlation-Id", "trace-web")
        .contentType("application/json")
        .body("{\"name\":\"S\",\"siteCode\":\"US-SF-01\",\"dose\":1,\"arm\":\"MDMA\"}")
        .when()
        .post(API + "/probe/echo")
        .then()
        .statusCode(400)
        .contentType(startsWith("application/problem+json"))
        .header("X-Correlation-Id", "trace-web")
        .body("code", equalTo("PLATFORM-0400"))
        .body("instance", equalTo(API + "/probe/echo"))
        .body("traceId", equalTo("trace-web"))
        .body("violations[0].field", equalTo("arm"));
  }

  @Test
  void unexpectedErrorsAreA500Problem() {
    given()
        .when()
        .get(API + "/probe/boom")
        .then()
        .statusCode(500)
        .body("code", equalTo("PLATFORM-0500"))
        .body("traceId", not(emptyOrNullString()));
  }

  @Test
  void securityFailuresAreProblems() {
    given()
        .contentType("application/json")
        .body(specimen("US-SF-01"))
        .when()
        .post(API + "/specimens")
        .then()
        .statusCode(401)
        .header("WWW-Authenticate", startsWith("Bearer"))
        .body("code", equalTo("PLATFORM-0401"));
    as("rater.sf")
        .contentType("application/json")
        .body(specimen("US-SF-01"))
        .when()
        .post(API + "/specimens")
        .then()
        .statusCode(403)
        .body("code", equalTo("PLATFORM-0403"));
  }

  @Test
  void anotherSitesRecordIsNotFoundRatherThanForbidden() {
    var id =
        as("coordinator.sf")
            .contentType("application/json")
            .body(specimen("US-SF-01"))
            .when()
            .post(API + "/specimens")
            .then()
            .statusCode(201)
            .extract()
            .<String>path("id");

    as("investigator.sf").when().get(API + "/specimens/{id}", id).then().statusCode(200);
    as("coordinator.bos")
        .when()
        .get(API + "/specimens/{id}", id)
        .then()
        .statusCode(404)
        .contentType(startsWith("application/problem+json"))
        .body("code", equalTo("PLATFORM-0404"));
    // Creating at a site one does not work at is refused the same way.
    as("coordinator.bos")
        .contentType("application/json")
        .body(specimen("US-SF-01"))
        .when()
        .post(API + "/specimens")
        .then()
        .statusCode(404);
  }
}

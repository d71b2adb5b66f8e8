package org.mdmaat.platform.problem;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.mdmaat.platform.Tokens.as;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.platform.Tokens;

/** Every failure of a JAX-RS request is answered as application/problem+json with one shape. */
@QuarkusTest
@QuarkusTestResource(KeycloakResource.class)
class ProblemAnswersTest {
  static final String API = "/api/web";

  static Map<String, Object> validRequest() {
    return Map.of(
        "name",
        "S-1",
        "siteCode",
        "US-SF-01",
        "dose",
        120,
        "labels",
        List.of(Map.of("code", "A", "weight", 1)));
  }

  /** The fields every problem has, whatever the status. */
  static ValidatableResponse problem(
      ValidatableResponse response, int status, String code, String path) {
    return response
        .statusCode(status)
        .contentType(startsWith("application/problem+json"))
        .body("status", equalTo(status))
        .body("code", equalTo(code))
        .body("type", equalTo("urn:mdmaat:problem:" + code))
        .body("title", not(emptyOrNullString()))
        .body("detail", not(emptyOrNullString()))
        .body("instance", equalTo(API + path))
        .body("traceId", not(emptyOrNullString()))
        .body("violations", org.hamcrest.Matchers.notNullValue());
  }

  static ValidatableResponse post(String path, String body) {
    return given().contentType("application/json").body(body).when().post(API + path).then();
  }

  @Test
  void anUnknownFieldIsA400NamingItsPath() {
    var body =
        "{\"name\":\"S\",\"siteCode\":\"US-SF-01\",\"dose\":1,"
            + "\"labels\":[{\"code\":\"A\",\"weight\":1,\"arm\":\"MDMA\"}]}";
    problem(post("/probe/echo", body), 400, "PLATFORM-0400", "/probe/echo")
        .body("violations[0].field", equalTo("labels[0].arm"))
        .body("violations[0].message", equalTo("unknown field"))
        .body(not(containsString("org.mdmaat")))
        .body(not(containsString("EchoRequest")));
  }

  @Test
  void aValueOfTheWrongTypeIsA400NamingItsPath() {
    problem(
            post("/probe/echo", "{\"name\":\"S\",\"siteCode\":\"X\",\"dose\":\"ten\"}"),
            400,
            "PLATFORM-0400",
            "/probe/echo")
        .body("violations[0].field", equalTo("dose"))
        .body("violations[0].message", equalTo("must be a whole number"));
    problem(
            post(
                "/probe/echo",
                "{\"name\":\"S\",\"siteCode\":\"X\",\"dose\":1,\"labels\":[{\"code\":\"A\",\"weight\":\"heavy\"}]}"),
            400,
            "PLATFORM-0400",
            "/probe/echo")
        .body("violations[0].field", equalTo("labels[0].weight"));
    problem(
            post("/probe/echo", "{\"name\":\"S\",\"siteCode\":\"X\",\"dose\":1,\"labels\":\"A\"}"),
            400,
            "PLATFORM-0400",
            "/probe/echo")
        .body("violations[0].field", equalTo("labels"))
        .body(not(containsString("java.util")));
  }

  @Test
  void malformedJsonIsA400() {
    problem(post("/probe/echo", "{\"name\": "), 400, "PLATFORM-0400", "/probe/echo")
        .body("detail", containsString("not valid JSON"))
        .body(not(containsString("Source")));
  }

  @Test
  void invalidFieldsAreA400ListingEachField() {
    var body =
        "{\"name\":\"\",\"siteCode\":\"US-SF-01\",\"dose\":900,\"labels\":[{\"code\":\"A\",\"weight\":1},{\"code\":\""
            + " \",\"weight\":2}]}";
    problem(post("/probe/echo", body), 400, "PLATFORM-0400", "/probe/echo")
        .body("violations.field", hasItems("name", "dose", "labels[1].code"))
        .body("violations.size()", equalTo(3));
    problem(post("/probe/echo", ""), 400, "PLATFORM-0400", "/probe/echo")
        .body("violations.field", hasItems("request"));
    problem(
            given().queryParam("size", 50).when().get(API + "/probe/count").then(),
            400,
            "PLATFORM-0400",
            "/probe/count")
        .body("violations[0].field", equalTo("size"));
  }

  @Test
  void aMisspeltChoiceIsA400NamingTheParameterAndTheChoices() {
    given()
        .queryParam("colour", "green")
        .when()
        .get(API + "/probe/colour")
        .then()
        .statusCode(200)
        .body(equalTo("\"GREEN\""));
    given().when().get(API + "/probe/colour").then().statusCode(200).body(equalTo("\"RED\""));
    problem(
            given().queryParam("colour", "mauve").when().get(API + "/probe/colour").then(),
            400,
            "PLATFORM-0400",
            "/probe/colour")
        .body("violations[0].field", equalTo("colour"))
        .body("violations[0].message", equalTo("must be one of [RED, GREEN]"));
  }

  @Test
  void aValidRequestPassesUntouched() {
    given()
        .contentType("application/json")
        .body(validRequest())
        .when()
        .post(API + "/probe/echo")
        .then()
        .statusCode(200)
        .body("labels[0].code", equalTo("A"));
  }

  @Test
  void jaxRsFailuresKeepTheirStatus() {
    problem(
        given().when().get(API + "/nothing/here").then(), 404, "PLATFORM-0404", "/nothing/here");
    problem(given().when().delete(API + "/probe/rule").then(), 405, "PLATFORM-0405", "/probe/rule");
    problem(
        given().contentType("text/plain").body("hello").when().post(API + "/probe/echo").then(),
        415,
        "PLATFORM-0415",
        "/probe/echo");
  }

  @Test
  void problemsKeepTheirStatusAndCode() {
    problem(
            given().when().get(API + "/probe/not-found").then(),
            404,
            "TEST-0404",
            "/probe/not-found")
        .body("title", equalTo("Not Found"));
    problem(
        given().when().get(API + "/probe/forbidden").then(), 403, "TEST-0403", "/probe/forbidden");
    problem(given().when().get(API + "/probe/conflict").then(), 409, "TEST-0409", "/probe/conflict")
        .body("detail", equalTo("A DISPOSED specimen cannot become STORED."));
    problem(given().when().get(API + "/probe/rule").then(), 422, "TEST-0422", "/probe/rule")
        .body("violations[0].field", equalTo("scheduledAt"))
        .body("violations[0].message", equalTo("is 3 days after the previous session"));
    problem(
        given().when().get(API + "/probe/unavailable").then(),
        503,
        "TEST-0503",
        "/probe/unavailable");
  }

  @Test
  void unexpectedErrorsAreA500ThatRevealsNothing() {
    for (var path : List.of("/probe/boom", "/probe/boom-later")) {
      var body =
          problem(
                  given().header("X-Correlation-Id", "trace-500").when().get(API + path).then(),
                  500,
                  "PLATFORM-0500",
                  path)
              .body("traceId", equalTo("trace-500"))
              .extract()
              .asString();
      assertThat(body)
          .doesNotContain("secret", "hunter2", "Exception", "org.", "java.")
          .contains("traceId");
    }
  }

  @Test
  void theCorrelationIdIsEchoedOrCreated() {
    given()
        .header("X-Correlation-Id", "trace-123")
        .when()
        .get(API + "/probe/not-found")
        .then()
        .header("X-Correlation-Id", "trace-123")
        .body("traceId", equalTo("trace-123"));

    var response = given().when().get(API + "/probe/not-found").then().extract();
    assertThat(response.header("X-Correlation-Id"))
        .isNotBlank()
        .isEqualTo(response.path("traceId"));

    // Something that is not a plain id (here with spaces) is replaced, not logged or echoed.
    var replaced =
        given()
            .header("X-Correlation-Id", "evil id\tinjected")
            .when()
            .get(API + "/probe/not-found")
            .then()
            .extract();
    assertThat(replaced.header("X-Correlation-Id"))
        .isNotEqualTo("evil id\tinjected")
        .doesNotContain(" ");
    assertThat(replaced.<String>path("traceId")).isEqualTo(replaced.header("X-Correlation-Id"));
    // Too long for an id: replaced too.
    var tooLong = "a".repeat(101);
    assertThat(
            given()
                .header("X-Correlation-Id", tooLong)
                .when()
                .get(API + "/probe/not-found")
                .then()
                .extract()
                .header("X-Correlation-Id"))
        .isNotEqualTo(tooLong);

    given()
        .contentType("application/json")
        .body(validRequest())
        .when()
        .post(API + "/probe/echo")
        .then()
        .statusCode(200)
        .header("X-Correlation-Id", not(emptyOrNullString()));
  }

  @Test
  void securityFailuresAreProblemsWithTheRightStatus() {
    problem(
            given()
                .contentType("application/json")
                .body(validRequest())
                .when()
                .post(API + "/probe/coordinators-only")
                .then(),
            401,
            "PLATFORM-0401",
            "/probe/coordinators-only")
        .header("WWW-Authenticate", startsWith("Bearer"));
    problem(
        as("rater.sf")
            .contentType("application/json")
            .body(validRequest())
            .when()
            .post(API + "/probe/coordinators-only")
            .then(),
        403,
        "PLATFORM-0403",
        "/probe/coordinators-only");
    as("coordinator.sf")
        .contentType("application/json")
        .body(validRequest())
        .when()
        .post(API + "/probe/coordinators-only")
        .then()
        .statusCode(200);
    // A token that does not verify is refused before JAX-RS runs: the status is what counts.
    var token = Tokens.token("coordinator.sf");
    given()
        .auth()
        .oauth2(token.substring(0, token.length() - 4) + "AAAA")
        .contentType("application/json")
        .body(validRequest())
        .when()
        .post(API + "/probe/coordinators-only")
        .then()
        .statusCode(401)
        .header("X-Correlation-Id", not(emptyOrNullString()));
  }
}

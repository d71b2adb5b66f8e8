package org.mdmaat.platform.problem;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KeycloakResource;

/** Problems answered from plain Vert.x routes have the JAX-RS mappers' shape. */
@QuarkusTest
@QuarkusTestResource(KeycloakResource.class)
class VertxProblemsTest {
  @TestHTTPResource("/vertx/midway")
  URI midway;

  @Test
  void answersTheSameShapeWithHeadersAndViolations() {
    var response =
        given()
            .header("X-Correlation-Id", "trace-vertx")
            .when()
            .get("/vertx/limited")
            .then()
            .statusCode(429)
            .contentType(startsWith("application/problem+json"))
            .header("Retry-After", "7")
            .header("X-Correlation-Id", "trace-vertx")
            .body("type", equalTo("urn:mdmaat:problem:TEST-0429"))
            .body("title", equalTo("Too Many Requests"))
            .body("status", equalTo(429))
            .body("detail", equalTo("Too many requests; try again in 7 s."))
            .body("code", equalTo("TEST-0429"))
            .body("instance", equalTo("/vertx/limited"))
            .body("traceId", equalTo("trace-vertx"))
            .body("violations", hasSize(1))
            .body("violations[0].field", equalTo("limit"))
            .body("violations[0].message", equalTo("is 30 a minute"))
            .extract()
            .asString();
    // The fields in the record's order, as ProblemMapping writes them.
    assertThat(response)
        .startsWith("{\"type\":")
        .containsSubsequence(
            "\"type\"",
            "\"title\"",
            "\"status\"",
            "\"detail\"",
            "\"code\"",
            "\"instance\"",
            "\"traceId\"",
            "\"violations\"");
  }

  @Test
  void givesEveryProblemATraceIdAndAnEmptyViolationList() {
    var answer =
        given()
            .when()
            .get("/vertx/plain")
            .then()
            .statusCode(404)
            .contentType(startsWith("application/problem+json"))
            .body("title", equalTo("Not Found"))
            .body("violations", hasSize(0))
            .body("traceId", not(emptyOrNullString()))
            .extract();
    assertThat(answer.header("X-Correlation-Id")).isEqualTo(answer.<String>path("traceId"));
  }

  @Test
  void answersAThrownProblemWithItsStatusCodeAndViolations() {
    given()
        .when()
        .get("/vertx/thrown")
        .then()
        .statusCode(422)
        .body("code", equalTo("TEST-0422"))
        .body("title", equalTo("Unprocessable Content"))
        .body("violations[0].field", equalTo("at"));
  }

  @Test
  void resetsAnAnswerThatHasAlreadyBegun() {
    var client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    var failure =
        catchThrowable(
            () ->
                client.send(
                    HttpRequest.newBuilder(midway).GET().build(),
                    HttpResponse.BodyHandlers.ofString()));
    // The client must not take the partial answer for a whole one.
    assertThat(failure).isInstanceOf(IOException.class);
  }
}

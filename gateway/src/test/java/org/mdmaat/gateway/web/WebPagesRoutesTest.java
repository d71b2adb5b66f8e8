package org.mdmaat.gateway.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.gateway.Tokens;
import org.mdmaat.gateway.stub.StubServices;
import org.mdmaat.gateway.stub.Stubs;

/**
 * The web pages' routes: static pages and scripts are public, a call's page is served for every
 * call id, the login settings are given out, and a server-sent-events answer passes through as it
 * is written (the browser test in system-tests drives the pages themselves).
 */
@QuarkusTest
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(StubServices.class)
class WebPagesRoutesTest {
  @TestHTTPResource("/")
  URI base;

  @Test
  void thePublicPagesAndTheirAssetsNeedNoLogin() {
    given()
        .when()
        .get("/")
        .then()
        .statusCode(200)
        .contentType(startsWith("text/html"))
        .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
        .body(containsString("Trials looking for participants"));
    given()
        .when()
        .get("/calls/" + UUID.randomUUID())
        .then()
        .statusCode(200)
        .contentType(startsWith("text/html"))
        .body(containsString("Could I take part?"));
    given().when().get("/js/call.js").then().statusCode(200).body(containsString("pre-screens"));
    given().when().get("/site/monitor.html").then().statusCode(200);
    // The staff pages are public files too; their data comes from /api with the user's token.
    given().when().get("/site/schedule.html").then().statusCode(200);
    given().when().get("/site/audit.html").then().statusCode(200);
    given().when().get("/js/audit.js").then().statusCode(200).body(containsString("/api/audit"));
    given().when().get("/js/auth.js").then().statusCode(200).body(containsString("refresh_token"));
    // The chart library comes from its webjar in the gateway's jar, never from a CDN.
    given()
        .when()
        .get("/webjars/uplot/1.6.30/dist/uPlot.iife.min.js")
        .then()
        .statusCode(200)
        .body(containsString("uPlot"));
  }

  @Test
  void theLoginSettingsNameTheRealmAndThePublicClient() {
    given()
        .when()
        .get("/site/config.json")
        .then()
        .statusCode(200)
        .body("authServerUrl", endsWith("/realms/trials"))
        .body("clientId", equalTo("trial-portal"));
  }

  @Test
  void serverSentEventsPassThroughAsTheyAreWritten() throws Exception {
    var request =
        HttpRequest.newBuilder(base.resolve("/api/safety/monitor/stream?participantCode=P-1"))
            .header("Accept", "text/event-stream")
            .header("Authorization", "Bearer " + Tokens.forUser("therapist.sf1"))
            .build();
    var response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
    try (var lines =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      // The service still holds its answer open: a buffering relay would send nothing yet.
      assertThat(lines.readLine()).isEqualTo("data: first");
      assertThat(lines.readLine()).isEmpty();
      Stubs.endStream("safety");
      assertThat(lines.readLine()).isEqualTo("data: last");
      assertThat(lines.readLine()).isEmpty();
      assertThat(lines.readLine()).isNull();
    }
  }

  @Test
  void aStreamStillNeedsAToken() {
    given()
        .header("Accept", "text/event-stream")
        .when()
        .get("/api/safety/monitor/stream")
        .then()
        .statusCode(401)
        .body("code", equalTo("GW-0401"));
  }
}

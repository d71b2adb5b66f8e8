package org.mdmaat.safety.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.mdmaat.safety.testing.Api.SF;
import static org.mdmaat.safety.testing.Api.as;
import static org.mdmaat.safety.testing.Api.participantAt;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.KeycloakServer;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.safety.hold.SelfServedPort;
import org.mdmaat.safety.testing.ScriptedParticipantDirectory;

@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "safety"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedPort.class)
class MonitorResourceTest {
  @TestHTTPResource("/api/safety/monitor/stream")
  URI stream;

  @AfterEach
  void directoryAnswersAgain() {
    ScriptedParticipantDirectory.reset();
  }

  private static void post(String participant, int systolic) {
    var reading = new HashMap<String, Object>();
    reading.put("measuredAt", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1).toString());
    reading.put("systolic", systolic);
    reading.put("diastolic", 80);
    reading.put("heartRate", 80);
    reading.put("temperatureC", 36.8);
    reading.put("spo2", 98);
    reading.put("sourceKind", "DEVICE");
    reading.put("sourceId", "monitor-1");
    as("therapist.sf1")
        .body(
            Map.of(
                "sessionId",
                "S-" + participant,
                "participantCode",
                participant,
                "readings",
                List.of(reading)))
        .when()
        .post("/api/safety/vitals/batch")
        .then()
        .statusCode(201);
  }

  @Test
  void theSitesTherapistSeesTheSessionsReadingsLimitsAlertsAndHold() {
    var participant = participantAt(SF);
    post(participant, 130);
    post(participant, 185);
    as("therapist.sf1")
        .queryParam("participantCode", participant)
        .queryParam("sessionId", "S-" + participant)
        .when()
        .get("/api/safety/monitor")
        .then()
        .statusCode(200)
        .body("siteCode", equalTo(SF))
        .body("readings", hasSize(2))
        .body("readings[1].systolic", equalTo(185))
        .body("limits.limits.systolicCritical", equalTo(180))
        .body("alerts[0].level", equalTo("CRITICAL"))
        .body("holds[0].cause", equalTo("CRITICAL_VITALS"))
        .body("holds[0].active", equalTo(true));
    // Another session of the same participant shows none of these readings.
    as("therapist.sf1")
        .queryParam("participantCode", participant)
        .queryParam("sessionId", "S-other")
        .when()
        .get("/api/safety/monitor")
        .then()
        .statusCode(200)
        .body("readings", hasSize(0));
  }

  @Test
  void anotherSitesStaffGet404AndACoordinator403() throws Exception {
    var participant = participantAt(SF);
    as("therapist.bos1")
        .queryParam("participantCode", participant)
        .queryParam("sessionId", "S-" + participant)
        .when()
        .get("/api/safety/monitor")
        .then()
        .statusCode(404)
        .body("code", equalTo("SAF-0404-PARTICIPANT"));
    as("coordinator.sf")
        .queryParam("participantCode", participant)
        .queryParam("sessionId", "S-" + participant)
        .when()
        .get("/api/safety/monitor")
        .then()
        .statusCode(403);
    // The stream is refused before it starts, as the snapshot read: problem+json, no event.
    var otherSite = openStream("therapist.bos1", participant);
    assertThat(otherSite.statusCode()).isEqualTo(404);
    assertThat(otherSite.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    var problem =
        new JsonObject(new String(otherSite.body().readAllBytes(), StandardCharsets.UTF_8));
    assertThat(problem.getString("code")).isEqualTo("SAF-0404-PARTICIPANT");
    assertThat(problem.encode()).doesNotContain("data:");
    assertThat(openStream("coordinator.sf", participant).statusCode()).isEqualTo(403);
  }

  @Test
  void theSitesInvestigatorOpensTheStream() throws Exception {
    var participant = participantAt(SF);
    var response = openStream("investigator.sf", participant);
    assertThat(response.statusCode()).isEqualTo(200);
    try (var lines =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      assertThat(nextEvent(lines).getString("participantCode")).isEqualTo(participant);
    }
  }

  @Test
  void theStreamSendsTheFirstSnapshotAndThenEachChange() throws Exception {
    var participant = participantAt(SF);
    post(participant, 128);
    var request =
        HttpRequest.newBuilder(
                URI.create(
                    stream + "?participantCode=" + participant + "&sessionId=S-" + participant))
            .header("Accept", "text/event-stream")
            .header(
                "Authorization",
                "Bearer " + KeycloakServer.shared().accessToken("therapist.sf1", "demo"))
            .build();
    var response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    try (var lines =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      var first = nextEvent(lines);
      assertThat(first.getJsonArray("readings")).hasSize(1);
      // An unchanged snapshot is not sent again: the next event is the next reading.
      post(participant, 131);
      var second = nextEvent(lines);
      assertThat(second.getJsonArray("readings")).hasSize(2);
      assertThat(second.getJsonArray("readings").getJsonObject(1).getInteger("systolic"))
          .isEqualTo(131);
    }
  }

  private HttpResponse<java.io.InputStream> openStream(String user, String participant)
      throws Exception {
    var request =
        HttpRequest.newBuilder(
                URI.create(
                    stream + "?participantCode=" + participant + "&sessionId=S-" + participant))
            .header("Accept", "text/event-stream")
            .header("Authorization", "Bearer " + KeycloakServer.shared().accessToken(user, "demo"))
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
  }

  private static JsonObject nextEvent(BufferedReader lines) throws Exception {
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      if (line.startsWith("data:")) {
        return new JsonObject(line.substring("data:".length()).trim());
      }
    }
    throw new AssertionError("the stream ended");
  }
}

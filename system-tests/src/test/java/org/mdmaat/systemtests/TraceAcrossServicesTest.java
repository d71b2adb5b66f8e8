package org.mdmaat.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.Platform;

/**
 * Issue 18's done-when: one trace crosses gateway, service, Kafka and consumer. A hold placed
 * through the gateway is audited by safety-service and, after its outbox, Kafka and
 * session-service's inbox, by session-service's consumer: both entries, read by the regulator
 * through the gateway, carry the same W3C trace id, the caller's when it sent a traceparent and the
 * gateway's own when it did not.
 */
class TraceAcrossServicesTest {
  private static Platform platform;

  @BeforeAll
  static void platform() {
    platform = RunningPlatform.get();
  }

  @Test
  void theCallersTraceReachesTheConsumersAuditEntry() {
    var traceId = UUID.randomUUID().toString().replace("-", "");
    var participant = Scenario.realParticipant(platform, Scenario.SF);
    placeHold(participant, "00-" + traceId + "-00f067aa0ba902b7-01");

    var traces = auditTraces(participant);
    assertThat(traces.safety()).containsExactly(traceId);
    assertThat(traces.session()).containsExactly(traceId);
  }

  @Test
  void aTraceTheGatewayStartsReachesTheServiceAndTheConsumer() {
    var participant = Scenario.realParticipant(platform, Scenario.SF);
    placeHold(participant, null);

    var traces = auditTraces(participant);
    assertThat(traces.safety()).hasSize(1);
    assertThat(traces.safety().get(0)).matches("[0-9a-f]{32}");
    assertThat(traces.session()).isEqualTo(traces.safety());
  }

  private static void placeHold(String participant, String traceparent) {
    var request = Scenario.as(platform, "investigator.sf");
    if (traceparent != null) {
      request = request.header("traceparent", traceparent);
    }
    request
        .contentType("application/json")
        .body(
            Map.of(
                "participantCode",
                participant,
                "trialId",
                Scenario.sharedTrial(platform),
                "siteCode",
                Scenario.SF,
                "reason",
                "systolic 185 mmHg after dosing"))
        .when()
        .post("/api/safety/holds")
        .then()
        .statusCode(201);
  }

  private record Traces(List<String> safety, List<String> session) {}

  /** The trace ids of the participant's DosingHold entries in safety's and session's trails. */
  private static Traces auditTraces(String participant) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> !holdEntries("sessions", participant).isEmpty());
    return new Traces(holdEntries("safety", participant), holdEntries("sessions", participant));
  }

  private static List<String> holdEntries(String route, String participant) {
    return Scenario.as(platform, "regulator.fda")
        .queryParam("participantCode", participant)
        .queryParam("entityType", "DosingHold")
        .when()
        .get("/api/" + route + "/audit")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items.traceId", String.class);
  }
}

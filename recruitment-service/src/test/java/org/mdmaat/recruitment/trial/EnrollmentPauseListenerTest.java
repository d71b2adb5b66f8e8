package org.mdmaat.recruitment.trial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.mdmaat.recruitment.Api.as;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.Topics;
import org.mdmaat.contracts.events.TrialEnrollmentPaused;
import org.mdmaat.contracts.events.TrialStatusChanged;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.recruitment.Api;
import org.mdmaat.recruitment.SelfServedPort;

@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "recruitment"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedPort.class)
class EnrollmentPauseListenerTest {
  @Inject ObjectMapper json;

  private EventEnvelope paused(String trial) {
    var data =
        new TrialEnrollmentPaused(
            trial,
            "SAE-STOPPING-RULE",
            "two related SAEs",
            Instant.now().truncatedTo(ChronoUnit.MICROS));
    return EventEnvelope.of(
        EventTypes.TRIAL_ENROLLMENT_PAUSED, "safety-service", trial, null, json.valueToTree(data));
  }

  private static void awaitStatus(String trial, String status) {
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                as("sponsor.maps")
                    .when()
                    .get("/api/recruitment/trials/{id}", trial)
                    .then()
                    .body("status", equalTo(status)));
  }

  @Test
  void anEnrollmentPauseSuspendsTheTrialOnceAuditedAndAnnounced() throws Exception {
    var trial = Api.recruitingTrial();
    var event = paused(trial);
    var payload = json.writeValueAsString(event);
    // Another type on the topic is not ours: it changes nothing.
    var other =
        EventEnvelope.of(
            EventTypes.SERIOUS_ADVERSE_EVENT_REPORTED,
            "safety-service",
            trial,
            "P-OTHER000",
            json.valueToTree(Map.of("anything", "goes")));
    Api.send(Topics.SAFETY_SIGNALS, trial, json.writeValueAsString(other));
    Api.send(Topics.SAFETY_SIGNALS, trial, payload);
    Api.send(Topics.SAFETY_SIGNALS, trial, payload); // redelivered: applied once

    awaitStatus(trial, "SUSPENDED");
    var changes =
        Api.events(Topics.TRIALS, trial, e -> e.type().equals(EventTypes.TRIAL_STATUS_CHANGED), 2);
    assertThat(changes).hasSize(2);
    var suspended = json.treeToValue(changes.get(1).data(), TrialStatusChanged.class);
    assertThat(suspended.previousStatus()).isEqualTo("RECRUITING");
    assertThat(suspended.status()).isEqualTo("SUSPENDED");
    assertThat(suspended.reason()).contains("SAE-STOPPING-RULE").contains("two related SAEs");

    as("regulator.fda")
        .queryParam("entityId", trial)
        .queryParam("actor", "system:recruitment-service")
        .when()
        .get("/api/recruitment/audit")
        .then()
        .statusCode(200)
        .body("items", hasSize(1))
        .body("items[0].action", equalTo("TRANSITION"))
        .body("items[0].after.status", equalTo("SUSPENDED"));
  }

  @Test
  void aPoisonMessageGoesToTheDeadLetterTopicAndTheStreamMovesOn() throws Exception {
    var marker = "not an event " + UUID.randomUUID();
    Api.send(Topics.SAFETY_SIGNALS, "k", marker);
    var unknownTrial = json.writeValueAsString(paused("no-such-trial-" + UUID.randomUUID()));
    Api.send(Topics.SAFETY_SIGNALS, "k", unknownTrial);
    var trial = Api.recruitingTrial();
    Api.send(Topics.SAFETY_SIGNALS, trial, json.writeValueAsString(paused(trial)));

    awaitStatus(trial, "SUSPENDED");
    var dead = Api.values(Topics.deadLetter(Topics.SAFETY_SIGNALS), v -> v.equals(unknownTrial));
    assertThat(dead).contains(marker, unknownTrial);
  }
}

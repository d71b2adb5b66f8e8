package org.mdmaat.outcomes.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.mdmaat.outcomes.OutcomesFixtures.as;
import static org.mdmaat.outcomes.OutcomesFixtures.newCode;
import static org.mdmaat.outcomes.OutcomesFixtures.newTrial;
import static org.mdmaat.outcomes.OutcomesFixtures.randomized;
import static org.mdmaat.outcomes.OutcomesFixtures.send;
import static org.mdmaat.outcomes.OutcomesFixtures.write;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.ParticipantEnrolled;
import org.mdmaat.contracts.events.Topics;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.outcomes.OutcomesFixtures;
import org.mdmaat.outcomes.SelfServedPeersPort;

@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "outcomes"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedPeersPort.class)
class RecruitmentEventsListenerTest {

  @Test
  void aRedeliveredRandomizationIsAppliedOnceAndOtherTypesAreIgnored() {
    var trial = newTrial();
    var code = newCode();
    var event = randomized(code, trial, "US-BOS-02", true, true);
    send(Topics.PARTICIPANTS, code, write(event));
    send(Topics.PARTICIPANTS, code, write(event));
    // Another type on the topic, about a participant nobody randomized.
    var ignored = newCode();
    var withdrawn =
        new EventEnvelope(
            UUID.randomUUID(),
            "org.mdmaat.recruitment.SomethingNotForOutcomes",
            "recruitment-service",
            trial,
            ignored,
            event.time(),
            event.data());
    // All under one key, so they share a partition and are consumed in order.
    send(Topics.PARTICIPANTS, code, write(withdrawn));
    var later = newCode();
    send(Topics.PARTICIPANTS, code, write(randomized(later, trial, "US-BOS-02", false, false)));
    // Once the later participant is known, everything before it was consumed.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                as("coordinator.bos")
                    .when()
                    .get("/api/outcomes/participants/{code}/assessments", later)
                    .then()
                    .statusCode(200));

    as("coordinator.bos")
        .when()
        .get("/api/outcomes/participants/{code}/assessments", code)
        .then()
        .statusCode(200);
    as("coordinator.bos")
        .when()
        .get("/api/outcomes/participants/{code}/assessments", ignored)
        .then()
        .statusCode(404);
    as("coordinator.sf")
        .when()
        .get("/api/outcomes/participants/{code}/assessments", code)
        .then()
        .statusCode(404);
    as("regulator.fda")
        .queryParam("entityType", "TrialParticipant")
        .queryParam("entityId", code)
        .when()
        .get("/api/outcomes/audit")
        .then()
        .body("items", hasSize(1))
        .body("items[0].actor", org.hamcrest.Matchers.equalTo("system:outcomes-service"));
  }

  @Test
  void aParticipantIsKnownFromEnrollmentSoABaselineCanBeRatedBeforeRandomization() {
    var trial = newTrial();
    var code = newCode();
    var enrolled =
        EventEnvelope.of(
            EventTypes.PARTICIPANT_ENROLLED,
            "recruitment-service",
            trial,
            code,
            OutcomesFixtures.JSON.valueToTree(
                new ParticipantEnrolled(
                    code, trial, "US-SF-01", Instant.now().truncatedTo(ChronoUnit.MICROS))));
    send(Topics.PARTICIPANTS, code, write(enrolled));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                as("coordinator.sf")
                    .when()
                    .get("/api/outcomes/participants/{code}/assessments", code)
                    .then()
                    .statusCode(200));

    // Randomization completes the same record: stratum and subgroup flags, audited as such.
    send(Topics.PARTICIPANTS, code, write(randomized(code, trial, "US-SF-01", true, false)));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                as("regulator.fda")
                    .queryParam("entityType", "TrialParticipant")
                    .queryParam("entityId", code)
                    .when()
                    .get("/api/outcomes/audit")
                    .then()
                    .body("items.action", contains("CREATE", "RANDOMIZE")));
  }

  @Test
  void aPoisonMessageGoesToTheDeadLetterTopicAndTheStreamMovesOn() {
    var marker = "not an event " + UUID.randomUUID();
    send(Topics.TRIALS, "poison", marker);
    var trial = newTrial();
    OutcomesFixtures.unblind(trial);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        OutcomesFixtures.records(
                                Topics.deadLetter(Topics.TRIALS), Duration.ofSeconds(5))
                            .stream()
                            .map(r -> r.value()))
                    .contains(marker));
  }
}

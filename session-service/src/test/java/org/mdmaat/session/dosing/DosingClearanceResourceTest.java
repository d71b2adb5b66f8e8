package org.mdmaat.session.dosing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mdmaat.contracts.events.DosingHoldPlaced;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.Topics;
import org.mdmaat.contracts.grpc.recruitment.ParticipantStatus;
import org.mdmaat.devstack.KafkaAccess;
import org.mdmaat.devstack.KafkaBroker;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.KeycloakServer;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.session.ScriptedParticipantDirectory;

@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @io.quarkus.test.common.ResourceArg(name = "database", value = "session"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedGatePort.class)
class DosingClearanceResourceTest {
  @Inject ObjectMapper json;

  @AfterEach
  void gateClearsAgain() {
    ScriptedSafetyGate.reset();
    ScriptedParticipantDirectory.unavailable = false;
  }

  private static RequestSpecification as(String user) {
    return given().auth().oauth2(KeycloakServer.shared().accessToken(user, "demo"));
  }

  /** A participant recruitment-service (scripted) knows at {@code US-SF-01}. */
  private static String newParticipant() {
    var code = "P-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
    ScriptedParticipantDirectory.register(code, "US-SF-01", ParticipantStatus.RANDOMIZED, 70);
    return code;
  }

  /** The site is the participant's own (from the directory): {@code site} is not sent. */
  private static RequestSpecification clearanceAt(String user, String site) {
    return as(user);
  }

  @Test
  void clearsWhenTheGateClearsAndNoHoldIsKnown() {
    clearanceAt("therapist.sf1", "US-SF-01")
        .when()
        .get("/api/sessions/participants/{code}/dosing-clearance", newParticipant())
        .then()
        .statusCode(200)
        .body("cleared", equalTo(true))
        .body("reasons", empty())
        .body("vitalsLevel", equalTo("VITALS_IN_RANGE"));
  }

  @Test
  void showsTheCurrentVitalsLevelSafetyServiceAnswers() {
    ScriptedSafetyGate.vitalsLevel = org.mdmaat.contracts.grpc.safety.VitalsLevel.VITALS_WARN;
    ScriptedSafetyGate.vitalsFindings = java.util.List.of("WARN HEART_RATE 48 (low) at …");
    clearanceAt("therapist.sf1", "US-SF-01")
        .when()
        .get("/api/sessions/participants/{code}/dosing-clearance", newParticipant())
        .then()
        .statusCode(200)
        .body("cleared", equalTo(true))
        .body("vitalsLevel", equalTo("VITALS_WARN"))
        .body("vitalsFindings", contains("WARN HEART_RATE 48 (low) at …"));
  }

  @Test
  void refusesWhenTheGateReportsAHold() {
    ScriptedSafetyGate.answer = ScriptedSafetyGate.Answer.HELD;
    clearanceAt("investigator.sf", "US-SF-01")
        .when()
        .get("/api/sessions/participants/{code}/dosing-clearance", newParticipant())
        .then()
        .statusCode(200)
        .body("cleared", equalTo(false))
        .body("reasons", contains("dosing hold h-1 (INVESTIGATOR): scripted"));
  }

  @Test
  void failsClosedWhenTheGateDoesNotAnswer() {
    ScriptedSafetyGate.answer = ScriptedSafetyGate.Answer.UNAVAILABLE;
    clearanceAt("therapist.sf1", "US-SF-01")
        .when()
        .get("/api/sessions/participants/{code}/dosing-clearance", newParticipant())
        .then()
        .statusCode(503)
        .contentType(startsWith("application/problem+json"))
        .body("code", equalTo("SES-0503"))
        .body("status", equalTo(503));
  }

  @Test
  void aHoldEventRefusesDosingEvenWhileTheGateClears() throws Exception {
    var code = newParticipant();
    var event = holdPlaced(code);
    // Sent twice: the inbox applies it once.
    send(json.writeValueAsString(event));
    send(json.writeValueAsString(event));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                clearanceAt("therapist.sf1", "US-SF-01")
                    .when()
                    .get("/api/sessions/participants/{code}/dosing-clearance", code)
                    .then()
                    .statusCode(200)
                    .body("cleared", equalTo(false))
                    .body("knownHolds", hasSize(1)));
    // Still exactly one after the duplicate has certainly been consumed.
    var second = holdPlaced(newParticipant());
    send(json.writeValueAsString(second));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                clearanceAt("therapist.sf1", "US-SF-01")
                    .when()
                    .get(
                        "/api/sessions/participants/{code}/dosing-clearance",
                        second.participantCode())
                    .then()
                    .body("knownHolds", hasSize(1)));
    clearanceAt("therapist.sf1", "US-SF-01")
        .when()
        .get("/api/sessions/participants/{code}/dosing-clearance", code)
        .then()
        .body("knownHolds", hasSize(1));
    as("regulator.fda")
        .queryParam("entityId", json.treeToValue(event.data(), DosingHoldPlaced.class).holdId())
        .when()
        .get("/api/sessions/audit")
        .then()
        .statusCode(200)
        .body("items", hasSize(1))
        .body("items[0].actor", equalTo("system:session-service"));
  }

  @Test
  void aPoisonMessageGoesToTheDeadLetterTopicAndTheStreamMovesOn() throws Exception {
    var marker = "not an event " + UUID.randomUUID();
    send(marker);
    var after = holdPlaced(newParticipant());
    send(json.writeValueAsString(after));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                clearanceAt("therapist.sf1", "US-SF-01")
                    .when()
                    .get(
                        "/api/sessions/participants/{code}/dosing-clearance",
                        after.participantCode())
                    .then()
                    .body("knownHolds", hasSize(1)));
    assertThat(deadLetters()).contains(marker);
  }

  @Test
  void refusesCallersWithoutTokenRoleOrSite() {
    var code = newParticipant();
    given()
        .queryParam("siteCode", "US-SF-01")
        .when()
        .get("/api/sessions/participants/{code}/dosing-clearance", code)
        .then()
        .statusCode(401);
    clearanceAt("rater.sf", "US-SF-01")
        .when()
        .get("/api/sessions/participants/{code}/dosing-clearance", code)
        .then()
        .statusCode(403);
    clearanceAt("therapist.bos1", "US-SF-01")
        .when()
        .get("/api/sessions/participants/{code}/dosing-clearance", code)
        .then()
        .statusCode(404)
        .contentType(startsWith("application/problem+json"));
    // Naming one's own site changes nothing: the participant's own site decides.
    as("therapist.bos1")
        .queryParam("siteCode", "US-BOS-02")
        .when()
        .get("/api/sessions/participants/{code}/dosing-clearance", code)
        .then()
        .statusCode(404);
    as("therapist.sf1")
        .when()
        .get("/api/sessions/participants/{code}/dosing-clearance", "bad code!")
        .then()
        .statusCode(400)
        .contentType(startsWith("application/problem+json"));
  }

  @Test
  void anUnknownParticipantIsNotFoundAndAnUnansweredDirectoryFailsClosed() {
    var nobody = "P-NOBODY-" + UUID.randomUUID().toString().substring(0, 8);
    as("therapist.sf1")
        .when()
        .get("/api/sessions/participants/{code}/dosing-clearance", nobody)
        .then()
        .statusCode(404)
        .contentType(startsWith("application/problem+json"));
    as("therapist.sf1")
        .queryParam("siteCode", "US-SF-01")
        .when()
        .get("/api/sessions/participants/{code}/dosing-clearance", nobody)
        .then()
        .statusCode(404);
    var code = newParticipant();
    ScriptedParticipantDirectory.unavailable = true;
    as("therapist.sf1")
        .when()
        .get("/api/sessions/participants/{code}/dosing-clearance", code)
        .then()
        .statusCode(503)
        .body("code", equalTo("SES-0503-DIRECTORY"));
  }

  private EventEnvelope holdPlaced(String participantCode) {
    var placed =
        new DosingHoldPlaced(
            UUID.randomUUID().toString(),
            participantCode,
            "MAPP-TEST",
            "US-SF-01",
            "INVESTIGATOR",
            "test hold",
            Instant.now().truncatedTo(ChronoUnit.MICROS));
    return EventEnvelope.of(
        EventTypes.DOSING_HOLD_PLACED,
        "safety-service",
        "MAPP-TEST",
        participantCode,
        json.valueToTree(placed));
  }

  private static void send(String value) throws Exception {
    var props = KafkaAccess.adminClient(KafkaBroker.shared().bootstrapServers());
    try (var producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(Topics.DOSING_HOLDS, "key", value)).get();
    }
  }

  private static List<String> deadLetters() {
    var props = KafkaAccess.adminClient(KafkaBroker.shared().bootstrapServers());
    props.put("group.id", "dlq-reader-" + UUID.randomUUID());
    props.put("auto.offset.reset", "earliest");
    try (var consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(Topics.deadLetter(Topics.DOSING_HOLDS)));
      var values = new java.util.ArrayList<String>();
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (System.nanoTime() < deadline && values.isEmpty()) {
        consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
      }
      return values;
    }
  }
}

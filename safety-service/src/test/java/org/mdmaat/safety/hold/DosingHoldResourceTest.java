package org.mdmaat.safety.hold;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mdmaat.contracts.events.DosingHoldPlaced;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.Topics;
import org.mdmaat.contracts.grpc.safety.DosingClearanceRequest;
import org.mdmaat.contracts.grpc.safety.SafetyGate;
import org.mdmaat.devstack.KafkaAccess;
import org.mdmaat.devstack.KafkaBroker;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.KeycloakServer;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.safety.SafetyGauges;
import org.mdmaat.safety.testing.CallingAs;
import org.mdmaat.safety.testing.ScriptedParticipantDirectory;

@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "safety"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedPort.class)
class DosingHoldResourceTest {
  @Inject ObjectMapper json;
  @Inject SafetyGauges gauges;
  @Inject MeterRegistry meters;

  @GrpcClient("safety-gate")
  SafetyGate anyCaller;

  /** As session-service calls it: with its own token. */
  SafetyGate gate;

  @BeforeEach
  void asSessionService() {
    gate = CallingAs.service(anyCaller, "session-service");
  }

  private static RequestSpecification as(String user) {
    return given().auth().oauth2(KeycloakServer.shared().accessToken(user, "demo"));
  }

  /** A participant recruitment-service knows, in trial MAPP-TEST at US-SF-01. */
  private static String newParticipant() {
    return ScriptedParticipantDirectory.enrol(
        "P-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(), "MAPP-TEST", "US-SF-01");
  }

  private static Map<String, Object> hold(String participant, String site) {
    return Map.of(
        "participantCode",
        participant,
        "trialId",
        "MAPP-TEST",
        "siteCode",
        site,
        "reason",
        "systolic 185 mmHg");
  }

  private static String place(String participant) {
    return as("investigator.sf")
        .contentType("application/json")
        .body(hold(participant, "US-SF-01"))
        .when()
        .post("/api/safety/holds")
        .then()
        .statusCode(201)
        .header("Location", containsString("/api/safety/holds/"))
        .body("participantCode", equalTo(participant))
        .body("cause", equalTo("INVESTIGATOR"))
        .body("placedBy", equalTo("investigator.sf"))
        .body("active", equalTo(true))
        .extract()
        .path("id");
  }

  @Test
  void anInvestigatorPlacesAHoldThatIsStoredAuditedAndAnnounced() throws Exception {
    var participant = newParticipant();
    var id = place(participant);

    as("therapist.sf1")
        .when()
        .get("/api/safety/holds/{id}", id)
        .then()
        .statusCode(200)
        .body("reason", equalTo("systolic 185 mmHg"));
    as("coordinator.sf")
        .queryParam("siteCode", "US-SF-01")
        .queryParam("participantCode", participant)
        .when()
        .get("/api/safety/holds")
        .then()
        .statusCode(200)
        .body("items", hasSize(1))
        .body("total", equalTo(1));

    as("regulator.fda")
        .queryParam("entityId", id)
        .when()
        .get("/api/safety/audit")
        .then()
        .statusCode(200)
        .body("items", hasSize(1))
        .body("items[0].action", equalTo("CREATE"))
        .body("items[0].actor", equalTo("investigator.sf"))
        .body("items[0].participantCode", equalTo(participant));

    var event = awaitEvent(participant);
    assertThat(event.type()).isEqualTo(EventTypes.DOSING_HOLD_PLACED);
    assertThat(event.source()).isEqualTo("safety-service");
    var placed = json.treeToValue(event.data(), DosingHoldPlaced.class);
    assertThat(placed.holdId()).isEqualTo(id);
    assertThat(placed.siteCode()).isEqualTo("US-SF-01");
  }

  /** The active-holds gauge (issue 18's business metrics) counts a hold once it is placed. */
  @Test
  void aPlacedHoldIsCountedByTheActiveHoldsGauge() throws Throwable {
    VertxContextSupport.subscribeAndAwait(gauges::refresh);
    var before = meters.get("mdmaat.safety.holds.active").gauge().value();

    place(newParticipant());
    VertxContextSupport.subscribeAndAwait(gauges::refresh);

    assertThat(meters.get("mdmaat.safety.holds.active").gauge().value()).isEqualTo(before + 1);
  }

  @Test
  void theGateClearsOnlyParticipantsWithoutAnActiveHold() {
    var held = newParticipant();
    place(held);

    var refused =
        gate.checkDosingClearance(
                DosingClearanceRequest.newBuilder().setParticipantCode(held).build())
            .await()
            .atMost(Duration.ofSeconds(10));
    assertThat(refused.getCleared()).isFalse();
    assertThat(refused.getReasonsList()).singleElement().asString().contains("systolic 185 mmHg");

    var cleared =
        gate.checkDosingClearance(
                DosingClearanceRequest.newBuilder().setParticipantCode(newParticipant()).build())
            .await()
            .atMost(Duration.ofSeconds(10));
    assertThat(cleared.getCleared()).isTrue();

    var nobody =
        gate.checkDosingClearance(DosingClearanceRequest.getDefaultInstance())
            .await()
            .atMost(Duration.ofSeconds(10));
    assertThat(nobody.getCleared()).isFalse();
  }

  @Test
  void onlySessionServiceMayAskTheGate() {
    var held = newParticipant();
    place(held);
    var request = DosingClearanceRequest.newBuilder().setParticipantCode(held).build();
    var person = new io.grpc.Metadata();
    person.put(
        org.mdmaat.platform.calls.ServiceCalls.AUTHORIZATION,
        "Bearer " + KeycloakServer.shared().accessToken("investigator.sf", "demo"));

    // No token; another service's token; a person's token: refused, and nothing said of the hold.
    for (var caller :
        java.util.List.of(
            java.util.Map.entry(anyCaller, io.grpc.Status.Code.UNAUTHENTICATED),
            java.util.Map.entry(
                CallingAs.service(anyCaller, "outcomes-service"),
                io.grpc.Status.Code.PERMISSION_DENIED),
            java.util.Map.entry(
                io.quarkus.grpc.GrpcClientUtils.attachHeaders(anyCaller, person),
                io.grpc.Status.Code.PERMISSION_DENIED))) {
      var failure =
          org.assertj.core.api.Assertions.catchThrowableOfType(
              io.grpc.StatusRuntimeException.class,
              () ->
                  caller
                      .getKey()
                      .checkDosingClearance(request)
                      .await()
                      .atMost(Duration.ofSeconds(10)));
      assertThat(failure.getStatus().getCode()).isEqualTo(caller.getValue());
      assertThat(String.valueOf(failure.getStatus().getDescription())).doesNotContain("systolic");
    }
  }

  @Test
  void refusesWithoutTokenWrongRoleOrAnotherSite() {
    var participant = newParticipant();
    given()
        .contentType("application/json")
        .body(hold(participant, "US-SF-01"))
        .when()
        .post("/api/safety/holds")
        .then()
        .statusCode(401);
    as("therapist.sf1")
        .contentType("application/json")
        .body(hold(participant, "US-SF-01"))
        .when()
        .post("/api/safety/holds")
        .then()
        .statusCode(403);
    as("investigator.bos")
        .contentType("application/json")
        .body(hold(participant, "US-SF-01"))
        .when()
        .post("/api/safety/holds")
        .then()
        .statusCode(404)
        .contentType(startsWith("application/problem+json"));

    var id = place(participant);
    as("investigator.bos").when().get("/api/safety/holds/{id}", id).then().statusCode(404);
    as("investigator.bos")
        .queryParam("siteCode", "US-SF-01")
        .when()
        .get("/api/safety/holds")
        .then()
        .statusCode(404);
    as("regulator.fda").when().get("/api/safety/holds/{id}", id).then().statusCode(403);
  }

  @Test
  void theParticipantsOwnSiteAndTrialDecideNotTheRequest() {
    // A Boston participant, held by San Francisco's investigator who claims US-SF-01: not theirs.
    var boston =
        ScriptedParticipantDirectory.enrol(
            "P-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(),
            "MAPP-TEST",
            "US-BOS-02");
    as("investigator.sf")
        .contentType("application/json")
        .body(hold(boston, "US-SF-01"))
        .when()
        .post("/api/safety/holds")
        .then()
        .statusCode(404)
        .body("code", equalTo("SAF-0404-PARTICIPANT"));
    // Unknown to recruitment-service.
    as("investigator.sf")
        .contentType("application/json")
        .body(hold("P-UNKNOWN1", "US-SF-01"))
        .when()
        .post("/api/safety/holds")
        .then()
        .statusCode(404);
    // Right site, wrong trial.
    var wrongTrial = new java.util.HashMap<String, Object>(hold(newParticipant(), "US-SF-01"));
    wrongTrial.put("trialId", "ANOTHER-TRIAL");
    as("investigator.sf")
        .contentType("application/json")
        .body(wrongTrial)
        .when()
        .post("/api/safety/holds")
        .then()
        .statusCode(422)
        .body("violations.field", org.hamcrest.Matchers.hasItem("trialId"));
    // Nothing was written for any of them.
    as("investigator.sf")
        .queryParam("siteCode", "US-SF-01")
        .queryParam("participantCode", boston)
        .when()
        .get("/api/safety/holds")
        .then()
        .statusCode(200)
        .body("total", equalTo(0));
  }

  @Test
  void rejectsBadInputAsProblemsNamingTheField() {
    as("investigator.sf")
        .contentType("application/json")
        .body(Map.of("participantCode", newParticipant(), "trialId", "T", "siteCode", "US-SF-01"))
        .when()
        .post("/api/safety/holds")
        .then()
        .statusCode(400)
        .contentType(startsWith("application/problem+json"))
        .body("violations.field", hasItem(containsString("reason")));

    var withUnknown = new java.util.HashMap<String, Object>(hold(newParticipant(), "US-SF-01"));
    withUnknown.put("arm", "MDMA");
    as("investigator.sf")
        .contentType("application/json")
        .body(withUnknown)
        .when()
        .post("/api/safety/holds")
        .then()
        .statusCode(400)
        .contentType(startsWith("application/problem+json"))
        .body("detail", not(containsString("org.mdmaat")));

    as("investigator.sf")
        .contentType("application/json")
        .body("{\"participantCode\": ")
        .when()
        .post("/api/safety/holds")
        .then()
        .statusCode(400);
    as("investigator.sf")
        .when()
        .get("/api/safety/holds/{id}", UUID.randomUUID())
        .then()
        .statusCode(404)
        .body("code", equalTo("SAF-0404"));
    as("investigator.sf").when().get("/api/safety/holds/not-a-uuid").then().statusCode(404);
    as("investigator.sf")
        .queryParam("siteCode", "US-SF-01")
        .queryParam("size", 5000)
        .when()
        .get("/api/safety/holds")
        .then()
        .statusCode(400);
  }

  private EventEnvelope awaitEvent(String participant) throws Exception {
    var props = KafkaAccess.adminClient(KafkaBroker.shared().bootstrapServers());
    props.put("group.id", "test-" + UUID.randomUUID());
    props.put("auto.offset.reset", "earliest");
    try (var consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(Topics.DOSING_HOLDS));
      var found = new ArrayList<EventEnvelope>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline && found.isEmpty()) {
        for (var record : consumer.poll(Duration.ofMillis(500))) {
          if (participant.equals(record.key())) {
            found.add(json.readValue(record.value(), EventEnvelope.class));
          }
        }
      }
      assertThat(found)
          .as("DosingHoldPlaced for %s on %s", participant, Topics.DOSING_HOLDS)
          .hasSize(1);
      return found.get(0);
    }
  }
}

package org.mdmaat.safety.cssrs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.mdmaat.safety.testing.Api.SF;
import static org.mdmaat.safety.testing.Api.as;
import static org.mdmaat.safety.testing.Api.participantAt;

import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mdmaat.contracts.grpc.safety.DosingClearanceRequest;
import org.mdmaat.contracts.grpc.safety.SafetyGate;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.safety.hold.SelfServedPort;
import org.mdmaat.safety.testing.CallingAs;

@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "safety"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedPort.class)
class CssrsResourceTest {
  @GrpcClient("safety-gate")
  SafetyGate anyCaller;

  /** As session-service calls it: with its own token. */
  SafetyGate gate;

  @BeforeEach
  void asSessionService() {
    gate = CallingAs.service(anyCaller, "session-service");
  }

  private static Map<String, Object> screen(String participant, boolean plan) {
    var s = new HashMap<String, Object>();
    s.put("sessionId", "S-INT-1");
    s.put("participantCode", participant);
    s.put("screenedAt", OffsetDateTime.now(ZoneOffset.ofHours(9)).minusMinutes(10).toString());
    s.put("wishToBeDead", true);
    s.put("activeIdeation", plan);
    s.put("ideationMethod", false);
    s.put("intent", false);
    s.put("plan", plan);
    s.put("behaviour", false);
    return s;
  }

  private boolean cleared(String participant) {
    return gate.checkDosingClearance(
            DosingClearanceRequest.newBuilder().setParticipantCode(participant).build())
        .await()
        .atMost(Duration.ofSeconds(10))
        .getCleared();
  }

  @Test
  void aPositiveScreenRaisesAnUrgentAlertAndHoldsDosing() {
    var participant = participantAt(SF);
    String alert =
        as("rater.sf")
            .body(screen(participant, true))
            .when()
            .post("/api/safety/cssrs-screens")
            .then()
            .statusCode(201)
            .body("positive", equalTo(true))
            .body("alertId", notNullValue())
            .extract()
            .path("alertId");
    as("therapist.sf2")
        .when()
        .get("/api/safety/alerts/{id}", alert)
        .then()
        .statusCode(200)
        .body("kind", equalTo("CSSRS"))
        .body("level", equalTo("URGENT"))
        .body("summary", containsString("plan"));
    assertThat(cleared(participant)).isFalse();
    as("investigator.sf")
        .queryParam("siteCode", SF)
        .queryParam("participantCode", participant)
        .when()
        .get("/api/safety/holds")
        .then()
        .body("items[0].cause", equalTo("CSSRS_POSITIVE"));
  }

  @Test
  void passiveIdeationAloneIsRecordedWithoutAlertOrHold() {
    var participant = participantAt(SF);
    as("therapist.sf1")
        .body(screen(participant, false))
        .when()
        .post("/api/safety/cssrs-screens")
        .then()
        .statusCode(201)
        .body("positive", equalTo(false))
        .body("wishToBeDead", equalTo(true))
        .body("alertId", nullValue());
    assertThat(cleared(participant)).isTrue();
    as("investigator.sf")
        .queryParam("siteCode", SF)
        .queryParam("participantCode", participant)
        .when()
        .get("/api/safety/cssrs-screens")
        .then()
        .statusCode(200)
        .body("total", equalTo(1));
  }

  @Test
  void refusesUnansweredItemsWrongRoleAndOtherSites() {
    var participant = participantAt(SF);
    var unanswered = screen(participant, true);
    unanswered.remove("intent");
    as("therapist.sf1")
        .body(unanswered)
        .when()
        .post("/api/safety/cssrs-screens")
        .then()
        .statusCode(400)
        .body("violations.field", hasItem("intent"));
    as("coordinator.sf")
        .body(screen(participant, true))
        .when()
        .post("/api/safety/cssrs-screens")
        .then()
        .statusCode(403);
    as("rater.bos")
        .body(screen(participant, true))
        .when()
        .post("/api/safety/cssrs-screens")
        .then()
        .statusCode(404);
    assertThat(cleared(participant)).isTrue();
  }
}

package org.mdmaat.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mdmaat.devstack.Platform;

/**
 * Every boundary crossed once, with the real parts: Keycloak tokens through the gateway to each
 * service, an event from safety-service's outbox through Kafka into session-service's inbox, and a
 * gRPC call from session-service to safety-service.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WalkingSkeletonTest {
  private static Platform platform;

  @BeforeAll
  static void platform() {
    platform = RunningPlatform.get();
  }

  private static String token(String user) {
    return platform.keycloak().accessToken(user, "demo");
  }

  private static RequestSpecification as(String user) {
    return given().baseUri(platform.gatewayUrl()).auth().oauth2(token(user));
  }

  @Test
  @Order(1)
  void everyServiceAnswersThroughTheGatewayWithATokenAndRefusesWithout() {
    for (var route : List.of("recruitment", "sessions", "safety", "outcomes")) {
      as("regulator.fda")
          .when()
          .get("/api/" + route + "/audit/verify")
          .then()
          .statusCode(200)
          .body("intact", equalTo(true));
      given()
          .baseUri(platform.gatewayUrl())
          .when()
          .get("/api/" + route + "/audit/verify")
          .then()
          .statusCode(401);
    }
  }

  @Test
  @Order(2)
  void servicesCheckTheRoleAgainBehindTheGateway() {
    as("coordinator.sf").when().get("/api/safety/audit/verify").then().statusCode(403);
  }

  @Test
  @Order(3)
  void aHoldTravelsByGrpcAndByKafkaToSessionService() {
    var held = Scenario.realParticipant(platform, Scenario.SF);
    var free = Scenario.realParticipant(platform, Scenario.SF);

    as("investigator.sf")
        .contentType("application/json")
        .body(
            Map.of(
                "participantCode",
                held,
                "trialId",
                Scenario.sharedTrial(platform),
                "siteCode",
                "US-SF-01",
                "reason",
                "systolic 185 mmHg after dosing"))
        .when()
        .post("/api/safety/holds")
        .then()
        .statusCode(201)
        .header("Location", startsWith(platform.gatewayUrl() + "/api/safety/holds/"));

    // The gRPC gate answers at once, before any event could have arrived.
    as("therapist.sf1")
        .when()
        .get("/api/sessions/participants/" + free + "/dosing-clearance")
        .then()
        .statusCode(200)
        .body("cleared", equalTo(true));
    as("therapist.sf1")
        .when()
        .get("/api/sessions/participants/" + held + "/dosing-clearance")
        .then()
        .statusCode(200)
        .body("cleared", equalTo(false));

    // The DosingHoldPlaced event reaches session-service's own copy through outbox and Kafka.
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        as("therapist.sf1")
                            .when()
                            .get("/api/sessions/participants/" + held + "/dosing-clearance")
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath()
                            .getList("knownHolds"))
                    .hasSize(1));

    // Both changes are in the services' audit chains, and both chains still verify.
    as("regulator.fda")
        .queryParam("participantCode", held)
        .when()
        .get("/api/safety/audit")
        .then()
        .statusCode(200)
        .body("items.entityType", hasItem("DosingHold"));
    as("regulator.fda")
        .queryParam("participantCode", held)
        .when()
        .get("/api/sessions/audit")
        .then()
        .statusCode(200)
        .body("items.actor", hasItem("system:session-service"));
    for (var route : List.of("safety", "sessions")) {
      as("regulator.fda")
          .when()
          .get("/api/" + route + "/audit/verify")
          .then()
          .body("intact", equalTo(true));
    }
  }

  @Test
  @Order(4)
  void withSafetyServiceDownClearanceIsRefusedNotAssumed() {
    var participant = Scenario.realParticipant(platform, Scenario.SF);
    platform.stopService(Platform.Service.SAFETY);
    try {
      as("therapist.sf1")
          .when()
          .get("/api/sessions/participants/" + participant + "/dosing-clearance")
          .then()
          .statusCode(503)
          .contentType(startsWith("application/problem+json"))
          .body("code", equalTo("SES-0503"));
      // Through the gateway, safety-service's own routes answer 503 naming it.
      as("investigator.sf")
          .when()
          .get("/api/safety/holds?siteCode=US-SF-01")
          .then()
          .statusCode(503)
          .body("code", equalTo("GW-0503"));
    } finally {
      platform.startService(Platform.Service.SAFETY);
    }
    as("investigator.sf").when().get("/api/safety/holds?siteCode=US-SF-01").then().statusCode(200);
  }
}

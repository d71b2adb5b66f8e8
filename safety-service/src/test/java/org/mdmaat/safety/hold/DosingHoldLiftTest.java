package org.mdmaat.safety.hold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.mdmaat.safety.testing.Api.as;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mdmaat.contracts.events.DosingHoldLifted;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.Topics;
import org.mdmaat.contracts.grpc.safety.DosingClearanceRequest;
import org.mdmaat.contracts.grpc.safety.SafetyGate;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.safety.testing.Api;
import org.mdmaat.safety.testing.CallingAs;
import org.mdmaat.safety.testing.ScriptedParticipantDirectory;

@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "safety"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedPort.class)
class DosingHoldLiftTest {
  @Inject ObjectMapper json;

  @GrpcClient("safety-gate")
  SafetyGate anyCaller;

  /** As session-service calls it: with its own token. */
  SafetyGate gate;

  @BeforeEach
  void asSessionService() {
    gate = CallingAs.service(anyCaller, "session-service");
  }

  private static final Map<String, Object> LIFT =
      Map.of(
          "reason",
          "BP normal on three readings; cardiology consulted",
          "signature",
          Map.of("printedName", "Dr. Ana Investigator", "meaning", "RESPONSIBILITY"));

  private String place(String participant) {
    ScriptedParticipantDirectory.enrol(participant, "MAPP-TEST", Api.SF);
    return as("investigator.sf")
        .body(
            Map.of(
                "participantCode",
                participant,
                "trialId",
                "MAPP-TEST",
                "siteCode",
                Api.SF,
                "reason",
                "systolic 185 mmHg"))
        .when()
        .post("/api/safety/holds")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private boolean cleared(String participant) {
    return gate.checkDosingClearance(
            DosingClearanceRequest.newBuilder().setParticipantCode(participant).build())
        .await()
        .atMost(Duration.ofSeconds(10))
        .getCleared();
  }

  @Test
  void anInvestigatorLiftsAHoldWithASignatureAndDosingClearsAgain() throws Exception {
    var participant = Api.code("P");
    var id = place(participant);
    assertThat(cleared(participant)).isFalse();

    as("investigator.sf")
        .body(LIFT)
        .when()
        .post("/api/safety/holds/{id}/lift", id)
        .then()
        .statusCode(200)
        .body("active", equalTo(false))
        .body("liftedBy", equalTo("investigator.sf"))
        .body("liftReason", equalTo("BP normal on three readings; cardiology consulted"))
        .body("liftSignature.printedName", equalTo("Dr. Ana Investigator"))
        .body("liftSignature.meaning", equalTo("RESPONSIBILITY"))
        .body("liftSignature.signedAt", notNullValue());
    assertThat(cleared(participant)).isTrue();

    var events =
        Api.events(json, Topics.DOSING_HOLDS, participant, EventTypes.DOSING_HOLD_LIFTED, 1);
    var lifted = json.treeToValue(events.get(0).data(), DosingHoldLifted.class);
    assertThat(lifted.holdId()).isEqualTo(id);
    assertThat(lifted.liftedBy()).isEqualTo("investigator.sf");

    as("regulator.fda")
        .queryParam("entityId", id)
        .when()
        .get("/api/safety/audit")
        .then()
        .statusCode(200)
        .body("items.action", equalTo(List.of("CREATE", "LIFT")))
        .body("items[1].after.liftSignature.printedName", equalTo("Dr. Ana Investigator"))
        .body("items[1].before.active", equalTo(true));

    as("investigator.sf")
        .body(LIFT)
        .when()
        .post("/api/safety/holds/{id}/lift", id)
        .then()
        .statusCode(409)
        .body("code", equalTo("SAF-0409-HOLD-LIFTED"));
  }

  @Test
  void twoLiftsAtOnceLiftOnceAndAnnounceOnce() throws Exception {
    var participant = Api.code("P");
    var id = place(participant);
    var lifts = new ArrayList<CompletableFuture<Integer>>();
    for (int i = 0; i < 2; i++) {
      lifts.add(
          CompletableFuture.supplyAsync(
              () ->
                  as("investigator.sf")
                      .body(LIFT)
                      .when()
                      .post("/api/safety/holds/{id}/lift", id)
                      .then()
                      .extract()
                      .statusCode()));
    }
    var statuses = new ArrayList<Integer>();
    for (var lift : lifts) {
      statuses.add(lift.get());
    }
    assertThat(statuses).containsExactlyInAnyOrder(200, 409);
    as("regulator.fda")
        .queryParam("entityId", id)
        .when()
        .get("/api/safety/audit")
        .then()
        .body("items.action", equalTo(List.of("CREATE", "LIFT")));
  }

  @Test
  void onlyAnInvestigatorOfTheSiteLiftsAndOnlyWithReasonAndSignature() {
    var participant = Api.code("P");
    var id = place(participant);

    as("therapist.sf1")
        .body(LIFT)
        .when()
        .post("/api/safety/holds/{id}/lift", id)
        .then()
        .statusCode(403);
    as("investigator.bos")
        .body(LIFT)
        .when()
        .post("/api/safety/holds/{id}/lift", id)
        .then()
        .statusCode(404);
    as("investigator.sf")
        .body(Map.of("reason", "fine now"))
        .when()
        .post("/api/safety/holds/{id}/lift", id)
        .then()
        .statusCode(400)
        .body("violations.field", hasItem(containsString("signature")));
    as("investigator.sf")
        .body(
            Map.of(
                "reason",
                "fine now",
                "signature",
                Map.of("printedName", "Dr. A", "meaning", "WHATEVER")))
        .when()
        .post("/api/safety/holds/{id}/lift", id)
        .then()
        .statusCode(400);
    assertThat(cleared(participant)).as("the refused lifts left the hold active").isFalse();
  }
}

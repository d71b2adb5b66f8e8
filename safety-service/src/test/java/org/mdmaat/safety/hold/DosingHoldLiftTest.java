package org.mdmaat.safety.hold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.mdmaat.safety.testing.Api.as;
import static org.mdmaat.safety.testing.Api.signing;
import static org.mdmaat.safety.testing.Api.withToken;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.common.mapper.TypeRef;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import org.mdmaat.platform.signature.ReauthenticationRequired;
import org.mdmaat.platform.signature.Signatures;
import org.mdmaat.platform.signature.SignedRecord;
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

  static final String LIFT_REASON = "BP normal on three readings; cardiology consulted";

  private static final Map<String, Object> LIFT =
      Map.of("reason", LIFT_REASON, "signature", Map.of("meaning", "RESPONSIBILITY"));

  private static final String UUID_PATTERN =
      "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

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

  /** The record the lift of {@code hold} (as shown) signs, built as the service builds it. */
  private static SignedRecord liftRecordOf(Map<String, Object> view, String liftReason) {
    var hold = new DosingHold();
    hold.id = UUID.fromString((String) view.get("id"));
    hold.participantCode = (String) view.get("participantCode");
    hold.trialId = (String) view.get("trialId");
    hold.siteCode = (String) view.get("siteCode");
    hold.cause = HoldCause.valueOf((String) view.get("cause"));
    hold.reason = (String) view.get("reason");
    return hold.liftRecord(liftReason);
  }

  @Test
  void anInvestigatorLiftsAHoldWithTheirElectronicSignatureAndDosingClearsAgain() throws Exception {
    var participant = Api.code("P");
    var id = place(participant);
    assertThat(cleared(participant)).isFalse();

    Map<String, Object> view =
        signing("investigator.sf")
            .body(LIFT)
            .when()
            .post("/api/safety/holds/{id}/lift", id)
            .then()
            .statusCode(200)
            .body("active", equalTo(false))
            .body("liftedBy", equalTo("investigator.sf"))
            .body("liftReason", equalTo(LIFT_REASON))
            // The name is the identity provider's, not anything the client typed.
            .body("liftSignature.signerName", equalTo("Elena Marquez"))
            .body("liftSignature.signerUsername", equalTo("investigator.sf"))
            .body("liftSignature.signerId", matchesPattern(UUID_PATTERN))
            .body("liftSignature.meaning", equalTo("RESPONSIBILITY"))
            .body("liftSignature.recordType", equalTo("DosingHold"))
            .body("liftSignature.recordId", equalTo(id))
            .body("liftSignature.signedAt", notNullValue())
            .body("liftSignature.authenticatedAt", notNullValue())
            .body("liftSignature.contentHash", matchesPattern("[0-9a-f]{64}"))
            .extract()
            .as(new TypeRef<Map<String, Object>>() {});
    @SuppressWarnings("unchecked")
    var signature = (Map<String, Object>) view.get("liftSignature");
    assertThat(signature.get("contentHash"))
        .as("the signature is bound to this hold and this reason")
        .isEqualTo(Signatures.hash(liftRecordOf(view, LIFT_REASON)))
        .isNotEqualTo(Signatures.hash(liftRecordOf(view, LIFT_REASON + ".")));
    assertThat(view.get("liftedAt")).isEqualTo(signature.get("signedAt"));
    assertThat(cleared(participant)).isTrue();

    // Stored, not only answered.
    as("therapist.sf1")
        .when()
        .get("/api/safety/holds/{id}", id)
        .then()
        .statusCode(200)
        .body("liftSignature.signerName", equalTo("Elena Marquez"))
        .body("liftSignature.signerId", equalTo(signature.get("signerId")))
        .body("liftSignature.signedAt", equalTo(signature.get("signedAt")))
        .body("liftSignature.authenticatedAt", equalTo(signature.get("authenticatedAt")))
        .body("liftSignature.contentHash", equalTo(signature.get("contentHash")));

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
        .body("items[1].after.liftSignature.signerName", equalTo("Elena Marquez"))
        .body("items[1].after.liftSignature.meaning", equalTo("RESPONSIBILITY"))
        .body("items[1].after.liftSignature.contentHash", equalTo(signature.get("contentHash")))
        .body("items[1].before.active", equalTo(true))
        .body("items[1].before.liftSignature", nullValue());

    signing("investigator.sf")
        .body(LIFT)
        .when()
        .post("/api/safety/holds/{id}/lift", id)
        .then()
        .statusCode(409)
        .body("code", equalTo("SAF-0409-HOLD-LIFTED"));
  }

  @Test
  void twoHoldsLiftedWithTheSameReasonHaveDifferentHashes() {
    var first = place(Api.code("P"));
    var second = place(Api.code("P"));
    var token = Api.signingToken("investigator.sf");
    String one =
        withToken(token)
            .body(LIFT)
            .post("/api/safety/holds/{id}/lift", first)
            .then()
            .statusCode(200)
            .extract()
            .path("liftSignature.contentHash");
    String other =
        withToken(token)
            .body(LIFT)
            .post("/api/safety/holds/{id}/lift", second)
            .then()
            .statusCode(200)
            .extract()
            .path("liftSignature.contentHash");
    assertThat(one).matches("[0-9a-f]{64}").isNotEqualTo(other);
  }

  @Test
  void aLoginWithoutAuthTimeCannotSignAndTheHoldStaysActiveWithNothingRecorded() {
    var participant = Api.code("P");
    var id = place(participant);

    // A password-grant token says nothing of when its user logged in.
    as("investigator.sf")
        .body(LIFT)
        .when()
        .post("/api/safety/holds/{id}/lift", id)
        .then()
        .statusCode(401)
        .contentType(startsWith("application/problem+json"))
        .body("code", equalTo(ReauthenticationRequired.CODE))
        .header("WWW-Authenticate", containsString("insufficient_user_authentication"))
        .header("WWW-Authenticate", containsString("max_age=300"));

    assertThat(cleared(participant)).as("the hold is still active").isFalse();
    as("investigator.sf")
        .when()
        .get("/api/safety/holds/{id}", id)
        .then()
        .body("active", equalTo(true))
        .body("liftedBy", nullValue())
        .body("liftSignature", nullValue());
    as("regulator.fda")
        .queryParam("entityId", id)
        .when()
        .get("/api/safety/audit")
        .then()
        .body("items.action", equalTo(List.of("CREATE")));
  }

  @Test
  void twoLiftsAtOnceLiftOnceAndAnnounceOnce() throws Exception {
    var participant = Api.code("P");
    var id = place(participant);
    var token = Api.signingToken("investigator.sf");
    var lifts = new ArrayList<CompletableFuture<Integer>>();
    for (int i = 0; i < 2; i++) {
      lifts.add(
          CompletableFuture.supplyAsync(
              () ->
                  withToken(token)
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
    // Even freshly logged in, another site's investigator does not see the hold.
    signing("investigator.bos")
        .body(LIFT)
        .when()
        .post("/api/safety/holds/{id}/lift", id)
        .then()
        .statusCode(404)
        .body("code", equalTo("SAF-0404"));
    var token = Api.signingToken("investigator.sf");
    withToken(token)
        .body(Map.of("reason", "fine now"))
        .when()
        .post("/api/safety/holds/{id}/lift", id)
        .then()
        .statusCode(400)
        .body("violations.field", hasItem(containsString("signature")));
    withToken(token)
        .body(Map.of("reason", "fine now", "signature", Map.of()))
        .when()
        .post("/api/safety/holds/{id}/lift", id)
        .then()
        .statusCode(400)
        .body("violations.field", hasItem(containsString("meaning")));
    withToken(token)
        .body(Map.of("reason", "fine now", "signature", Map.of("meaning", "WHATEVER")))
        .when()
        .post("/api/safety/holds/{id}/lift", id)
        .then()
        .statusCode(400);
    // A typed name is no signature: the name is the identity provider's.
    withToken(token)
        .body(
            Map.of(
                "reason",
                "fine now",
                "signature",
                Map.of("printedName", "Dr. A", "meaning", "APPROVAL")))
        .when()
        .post("/api/safety/holds/{id}/lift", id)
        .then()
        .statusCode(400)
        .contentType(startsWith("application/problem+json"))
        .body("detail", containsString("printedName"));
    assertThat(cleared(participant)).as("the refused lifts left the hold active").isFalse();
  }
}

package org.mdmaat.session.accountability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.mdmaat.session.SessionFixtures.SF;
import static org.mdmaat.session.SessionFixtures.as;
import static org.mdmaat.session.SessionFixtures.count;
import static org.mdmaat.session.SessionFixtures.newParticipant;
import static org.mdmaat.session.SessionFixtures.unique;
import static org.mdmaat.session.accountability.KitStock.BASE;
import static org.mdmaat.session.accountability.KitStock.PHARMACIST;
import static org.mdmaat.session.accountability.KitStock.balance;
import static org.mdmaat.session.accountability.KitStock.kit;
import static org.mdmaat.session.accountability.KitStock.mg;
import static org.mdmaat.session.accountability.KitStock.post;
import static org.mdmaat.session.accountability.KitStock.receive;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.session.dosing.SelfServedGatePort;

/** The dose path's dispense: from a received kit with enough left, or no dose at all. */
@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @io.quarkus.test.common.ResourceArg(name = "database", value = "session"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedGatePort.class)
class DispenseTest {
  @Inject ObjectMapper json;

  private static ValidatableResponse dose(String sessionId, int mgHcl) {
    return as("therapist.sf1")
        .contentType(ContentType.JSON)
        .body(Map.of("mgHcl", mgHcl, "supplemental", false))
        .post("/api/sessions/visits/{id}/doses", sessionId)
        .then();
  }

  /** Everything a dose writes, for one participant. */
  private record Traces(
      long doses, long kitLines, long audit, long events, long kitAudits, String status) {}

  private static Traces traces(String code, String sessionId) throws Exception {
    return new Traces(
        count("select count(*) from dose where participant_code = ?", code),
        count("select count(*) from kit_movement where kit_code = ?", "KIT-" + code),
        count("select count(*) from audit_entry where participant_code = ?", code),
        count("select count(*) from outbox_event where message_key = ?", code),
        count("select count(*) from audit_entry where entity_type = 'KitMovement'"),
        as("therapist.sf1")
            .get("/api/sessions/visits/{id}", sessionId)
            .then()
            .statusCode(200)
            .extract()
            .path("status"));
  }

  @Test
  void aDoseDispensesFromTheParticipantsReceivedKit() throws Exception {
    var code = newParticipant();
    var kitCode = "KIT-" + code;
    receive(kitCode, "MDMA", 480);
    var id = KitStock.readyToDoseWithoutReceipt(json, code);
    var before = balance();

    var given =
        dose(id, 80)
            .statusCode(201)
            .body("kitCode", equalTo(kitCode))
            .body("$", not(org.hamcrest.Matchers.hasKey("arm")))
            .body("$", not(org.hamcrest.Matchers.hasKey("content")))
            .extract()
            .asString();
    assertThat(given).doesNotContain("MDMA");

    assertThat(kit(kitCode))
        .containsEntry("dispensed", 80.0f)
        .containsEntry("balance", 400.0f)
        .containsEntry("available", 400.0f);
    var after = balance();
    assertThat(mg(after, "mdma.onHandMgHcl"))
        .isEqualByComparingTo(mg(before, "mdma.onHandMgHcl").subtract(new BigDecimal(80)));
    assertThat(mg(after, "placebo.onHandMgHcl"))
        .isEqualByComparingTo(mg(before, "placebo.onHandMgHcl"));
    var line =
        as(PHARMACIST)
            .queryParam("kind", "DISPENSED")
            .queryParam("size", 1)
            .queryParam("page", dispensedLines() - 1)
            .get(BASE + "movements", SF)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(line.getString("items[0].kitCode")).isEqualTo(kitCode);
    assertThat(line.getString("items[0].content")).isEqualTo("MDMA");
    assertThat(line.getString("items[0].doseId")).isNotNull();
    // The regulator's audit of the dispense names the kit and the participant, not the content.
    var audited =
        as("regulator.fda")
            .queryParam("entityId", line.getString("items[0].id"))
            .get("/api/sessions/audit")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(audited)
        .contains(kitCode)
        .contains(code)
        .doesNotContain("MDMA")
        .doesNotContain("balanceAfter");
  }

  private static long dispensedLines() throws Exception {
    return count(
        "select count(*) from kit_movement where site_code = ? and kind = 'DISPENSED'", SF);
  }

  @Test
  void aPlaceboKitMovesThePlaceboBalanceOnly() throws Exception {
    var code = newParticipant();
    receive("KIT-" + code, "PLACEBO", 480);
    var id = KitStock.readyToDoseWithoutReceipt(json, code);
    var before = balance();
    dose(id, 80).statusCode(201);
    var after = balance();
    assertThat(mg(after, "placebo.onHandMgHcl"))
        .isEqualByComparingTo(mg(before, "placebo.onHandMgHcl").subtract(new BigDecimal(80)));
    assertThat(mg(after, "mdma.onHandMgHcl")).isEqualByComparingTo(mg(before, "mdma.onHandMgHcl"));
  }

  @Test
  void aDoseFromAKitNeverReceivedIsRefusedAndWritesNothing() throws Exception {
    var code = newParticipant();
    var id = KitStock.readyToDoseWithoutReceipt(json, code);
    var before = traces(code, id);
    assertThat(before.status()).isEqualTo("PRE_DOSE_CHECKS_PASSED");

    var detail =
        dose(id, 80)
            .statusCode(422)
            .contentType(startsWith("application/problem+json"))
            .body("code", equalTo("SES-0422-KIT-NOT-RECEIVED"))
            .body("detail", containsString("KIT-" + code))
            .extract()
            .asString();
    assertThat(detail).doesNotContain("MDMA").doesNotContain("PLACEBO");
    assertThat(traces(code, id)).isEqualTo(before);
    assertThat(before.doses()).isZero();
    assertThat(before.kitLines()).isZero();

    // Received later, the same dose goes through.
    receive("KIT-" + code, "MDMA", 480);
    dose(id, 80).statusCode(201);
  }

  @Test
  void aDoseTheKitCannotCoverIsRefusedAlikeForBothContents() throws Exception {
    var mdma = newParticipant();
    var placebo = newParticipant();
    receive("KIT-" + mdma, "MDMA", 40);
    receive("KIT-" + placebo, "PLACEBO", 40);
    var mdmaSession = KitStock.readyToDoseWithoutReceipt(json, mdma);
    var placeboSession = KitStock.readyToDoseWithoutReceipt(json, placebo);

    var answers = new java.util.ArrayList<String>();
    for (var p : Map.of(mdma, mdmaSession, placebo, placeboSession).entrySet()) {
      var before = traces(p.getKey(), p.getValue());
      var refusal =
          dose(p.getValue(), 80)
              .statusCode(422)
              .body("code", equalTo("SES-0422-KIT-BALANCE"))
              .extract()
              .jsonPath();
      assertThat(traces(p.getKey(), p.getValue())).isEqualTo(before);
      assertThat(before.kitLines()).isEqualTo(1);
      // What a blinded therapist reads is the same for both arms, but for the kit code.
      answers.add(
          refusal.getString("code")
              + " "
              + refusal.getString("detail").replace("KIT-" + p.getKey(), "KIT-?")
              + " "
              + refusal.getList("violations"));
    }
    assertThat(answers.get(0)).isEqualTo(answers.get(1)).doesNotContain("MDMA");
  }

  @Test
  void aDestructionsAmountIsSetAsideFromDoses() throws Exception {
    var code = newParticipant();
    var kitCode = "KIT-" + code;
    receive(kitCode, "MDMA", 100);
    var id = KitStock.readyToDoseWithoutReceipt(json, code);
    var destruction =
        post(
                PHARMACIST,
                "destructions",
                Map.of("kitCode", kitCode, "mgHcl", 40, "method", "chemical digestion"))
            .statusCode(201)
            .extract()
            .path("id");
    assertThat(kit(kitCode))
        .containsEntry("pendingDestruction", 40.0f)
        .containsEntry("available", 60.0f);
    dose(id, 80).statusCode(422).body("code", equalTo("SES-0422-KIT-BALANCE"));

    as(PHARMACIST)
        .contentType(ContentType.JSON)
        .body(Map.of("reason", "recorded against the wrong kit"))
        .post(BASE + "destructions/{id}/cancellation", SF, destruction)
        .then()
        .statusCode(200);
    dose(id, 80).statusCode(201);
    assertThat(kit(kitCode))
        .containsEntry("pendingDestruction", 0.0f)
        .containsEntry("balance", 20.0f);
  }

  @Test
  void onlyDrugDispensedAndNotReturnedComesBack() throws Exception {
    var code = newParticipant();
    var kitCode = "KIT-" + code;
    receive(kitCode, "MDMA", 480);
    dose(KitStock.readyToDoseWithoutReceipt(json, code), 80).statusCode(201);
    var lines = count("select count(*) from kit_movement where kit_code = ?", kitCode);

    post(PHARMACIST, "returns", Map.of("kitCode", kitCode, "mgHcl", 81))
        .statusCode(422)
        .contentType(startsWith("application/problem+json"))
        .body("code", equalTo("SES-0422-KIT-RETURN"))
        .body("violations.field", hasItem("mgHcl"));
    post(PHARMACIST, "returns", Map.of("kitCode", unique("KIT"), "mgHcl", 10))
        .statusCode(422)
        .body("code", equalTo("SES-0422-KIT-NOT-RECEIVED"));
    post(PHARMACIST, "returns", Map.of("kitCode", kitCode, "mgHcl", 10, "content", "MDMA"))
        .statusCode(400);
    assertThat(count("select count(*) from kit_movement where kit_code = ?", kitCode))
        .isEqualTo(lines);

    post(PHARMACIST, "returns", Map.of("kitCode", kitCode, "mgHcl", 60, "note", "not taken"))
        .statusCode(201)
        .body("kind", equalTo("RETURNED"));
    post(PHARMACIST, "returns", Map.of("kitCode", kitCode, "mgHcl", 30))
        .statusCode(422)
        .body("code", equalTo("SES-0422-KIT-RETURN"));
    assertThat(kit(kitCode))
        .containsEntry("dispensed", 80.0f)
        .containsEntry("returned", 60.0f)
        .containsEntry("balance", 460.0f);
  }
}

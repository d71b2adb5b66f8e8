package org.mdmaat.session.accountability;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.mdmaat.session.SessionFixtures.SF;
import static org.mdmaat.session.SessionFixtures.as;
import static org.mdmaat.session.SessionFixtures.newParticipant;
import static org.mdmaat.session.SessionFixtures.readyToDose;
import static org.mdmaat.session.SessionFixtures.unique;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.session.dosing.SelfServedGatePort;

@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @io.quarkus.test.common.ResourceArg(name = "database", value = "session"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedGatePort.class)
class AccountabilityResourceTest {
  private static final String BASE = "/api/sessions/accountability/{site}/";
  @Inject ObjectMapper json;

  private static ValidatableResponse post(String user, String what, Map<String, Object> body) {
    return as(user).contentType(ContentType.JSON).body(body).post(BASE + what, SF).then();
  }

  private static String kitPath(String kit) {
    return "kits.find { it.kitCode == '" + kit + "' }.";
  }

  @Test
  void receiptReturnAndDestructionKeepARunningBalanceAndFlagDiscrepancies() {
    var kit = unique("KIT");
    post("pharmacist.sf", "receipts", Map.of("kitCode", kit, "mgHcl", 300, "arm", "MDMA"))
        .statusCode(201)
        .contentType(startsWith("application/json"))
        .body("kind", equalTo("RECEIVED"))
        .body("arm", equalTo("MDMA"));
    // The audit trail, which regulators read while the trial is blinded, does not carry the arm.
    var audited =
        as("regulator.fda")
            .queryParam("entityType", "KitMovement")
            .queryParam("limit", 1000)
            .when()
            .get("/api/sessions/audit")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    org.assertj.core.api.Assertions.assertThat(audited).contains(kit).doesNotContain("MDMA");
    // Returned more than was ever dispensed: recorded, and reported.
    post("pharmacist.sf", "returns", Map.of("kitCode", kit, "mgHcl", 20)).statusCode(201);

    // Destruction: two distinct witnesses, neither the pharmacist.
    post(
            "pharmacist.sf",
            "destructions",
            Map.of("kitCode", kit, "mgHcl", 100, "witnesses", List.of("Ann Lee")))
        .statusCode(422)
        .body("code", equalTo("SES-0422-KIT"))
        .body("violations.field", hasItem("witnesses"));
    post(
            "pharmacist.sf",
            "destructions",
            Map.of("kitCode", kit, "mgHcl", 100, "witnesses", List.of("Ann Lee", "ann lee ")))
        .statusCode(422);
    post(
            "pharmacist.sf",
            "destructions",
            Map.of("kitCode", kit, "mgHcl", 100, "witnesses", List.of("Ann Lee", "pharmacist.sf")))
        .statusCode(422);
    post(
            "pharmacist.sf",
            "destructions",
            Map.of("kitCode", kit, "mgHcl", 100, "witnesses", List.of("Ann Lee", "Bo Chen")))
        .statusCode(201)
        .body("witnesses", equalTo(List.of("Ann Lee", "Bo Chen")));
    // More destroyed than the kit holds: a negative balance, reported.
    post(
            "pharmacist.sf",
            "destructions",
            Map.of("kitCode", kit, "mgHcl", 500, "witnesses", List.of("Ann Lee", "Bo Chen")))
        .statusCode(201);

    as("pharmacist.sf")
        .get(BASE + "balance", SF)
        .then()
        .statusCode(200)
        .body(kitPath(kit) + "arm", equalTo("MDMA"))
        .body(kitPath(kit) + "received", equalTo(300.0f))
        .body(kitPath(kit) + "returned", equalTo(20.0f))
        .body(kitPath(kit) + "destroyed", equalTo(600.0f))
        .body(kitPath(kit) + "balance", equalTo(-280.0f));
    as("pharmacist.sf")
        .get(BASE + "discrepancies", SF)
        .then()
        .statusCode(200)
        .body(
            "findAll { it.kitCode == '"
                + kit
                + "' && it.kind != 'SITE_BALANCE_WENT_NEGATIVE' }.kind",
            org.hamcrest.Matchers.containsInAnyOrder(
                "RETURNED_MORE_THAN_DISPENSED", "NEGATIVE_BALANCE"));
    as("pharmacist.sf")
        .queryParam("size", 2)
        .get(BASE + "movements", SF)
        .then()
        .statusCode(200)
        .body("items", hasSize(2))
        .body("size", equalTo(2));
  }

  @Test
  void aDoseDispensesFromThePatientsKit() throws Exception {
    var code = newParticipant();
    var id = readyToDose(json, code);
    as("therapist.sf1")
        .contentType(ContentType.JSON)
        .body(Map.of("mgHcl", 80, "supplemental", false))
        .post("/api/sessions/visits/{id}/doses", id)
        .then()
        .statusCode(201);
    var kit = "KIT-" + code;
    as("pharmacist.sf")
        .get(BASE + "balance", SF)
        .then()
        .body(kitPath(kit) + "dispensed", equalTo(80.0f));
    // The kit was never received at the site.
    as("pharmacist.sf")
        .get(BASE + "discrepancies", SF)
        .then()
        .body(
            "findAll { it.kitCode == '"
                + kit
                + "' && it.kind != 'SITE_BALANCE_WENT_NEGATIVE' }.kind",
            org.hamcrest.Matchers.contains("DISPENSED_WITHOUT_RECEIPT", "NEGATIVE_BALANCE"));
  }

  @Test
  void pharmacistsOfTheSiteOnly() {
    var receipt = Map.<String, Object>of("kitCode", unique("KIT"), "mgHcl", 120, "arm", "PLACEBO");
    given()
        .contentType(ContentType.JSON)
        .body(receipt)
        .post(BASE + "receipts", SF)
        .then()
        .statusCode(401);
    for (var user : List.of("therapist.sf1", "coordinator.sf", "investigator.sf", "dsmb.chair")) {
      post(user, "receipts", receipt).statusCode(403);
      as(user).get(BASE + "balance", SF).then().statusCode(403);
    }
    as("pharmacist.sf")
        .contentType(ContentType.JSON)
        .body(receipt)
        .post(BASE + "receipts", "US-BOS-02")
        .then()
        .statusCode(404)
        .contentType(startsWith("application/problem+json"));
    as("pharmacist.sf").get(BASE + "discrepancies", "US-BOS-02").then().statusCode(404);
    post(
            "pharmacist.sf",
            "receipts",
            Map.of("kitCode", unique("KIT"), "mgHcl", 120, "arm", "ACTIVE"))
        .statusCode(400);
    post("pharmacist.sf", "returns", Map.of("kitCode", unique("KIT"), "mgHcl", 10, "arm", "MDMA"))
        .statusCode(422);
  }
}

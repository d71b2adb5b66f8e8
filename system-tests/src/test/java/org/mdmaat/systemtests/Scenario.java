package org.mdmaat.systemtests;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;
import org.mdmaat.devstack.Platform;

/** Steps that several system tests share: calls through the gateway as a demo user. */
final class Scenario {
  private Scenario() {}

  static RequestSpecification as(Platform platform, String user) {
    return given()
        .baseUri(platform.gatewayUrl())
        .auth()
        .oauth2(platform.keycloak().accessToken(user, "demo"));
  }

  static String newParticipantCode() {
    return "P-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
  }

  /** An investigator's dosing hold; answers the hold's URL. */
  static String placeHold(Platform platform, String investigator, String participant, String site) {
    return as(platform, investigator)
        .contentType("application/json")
        .body(
            Map.of(
                "participantCode", participant,
                "trialId", "MAPP-DEMO",
                "siteCode", site,
                "reason", "systolic 185 mmHg after dosing"))
        .when()
        .post("/api/safety/holds")
        .then()
        .statusCode(201)
        .extract()
        .header("Location");
  }
}

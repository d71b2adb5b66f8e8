package org.mdmaat.outcomes;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.KeycloakServer;
import org.mdmaat.devstack.PostgresResource;

/** The service starts on real PostgreSQL, Kafka and Keycloak, migrated, ready and guarded. */
@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "outcomes"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedPeersPort.class)
class OutcomesSkeletonTest {

  @Test
  void isReadyWithItsDatabaseAndKafka() {
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", hasItem("Reactive PostgreSQL connections health check"));
  }

  @Test
  void publishesItsOpenApiDocument() {
    given()
        .when()
        .get("/q/openapi?format=json")
        .then()
        .statusCode(200)
        .body("openapi", org.hamcrest.Matchers.startsWith("3."));
  }

  @Test
  void letsOnlyRegulatorsReadItsAuditChain() {
    given().when().get("/api/outcomes/audit/verify").then().statusCode(401);
    given()
        .auth()
        .oauth2(KeycloakServer.shared().accessToken("sponsor.maps", "demo"))
        .when()
        .get("/api/outcomes/audit/verify")
        .then()
        .statusCode(403);
    given()
        .auth()
        .oauth2(KeycloakServer.shared().accessToken("regulator.fda", "demo"))
        .when()
        .get("/api/outcomes/audit/verify")
        .then()
        .statusCode(200)
        .body("intact", equalTo(true));
  }

  @Test
  void refusesATokenThatWasTamperedWith() {
    var token = KeycloakServer.shared().accessToken("regulator.fda", "demo");
    var forged = token.substring(0, token.length() - 6) + "AAAAAA";
    given().auth().oauth2(forged).when().get("/api/outcomes/audit/verify").then().statusCode(401);
  }
}

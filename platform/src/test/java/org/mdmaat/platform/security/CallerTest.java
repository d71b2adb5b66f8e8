package org.mdmaat.platform.security;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.mdmaat.platform.Services.as;
import static org.mdmaat.platform.Services.unique;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;

@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "platform"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
class CallerTest {
  static final String API = "/api/platform";

  @Test
  void readsSubjectRolesSitesAndSponsorFromTheToken() {
    as("coordinator.sf")
        .when()
        .get(API + "/probe/caller")
        .then()
        .statusCode(200)
        .body("subject", equalTo("coordinator.sf"))
        .body("actor", equalTo("coordinator.sf"))
        .body("roles", hasItem("site-coordinator"))
        .body("sites", contains("US-SF-01"))
        .body("blinded", equalTo(true));
    as("pharmacist.sf").when().get(API + "/probe/caller").then().body("blinded", equalTo(false));
    as("dsmb.chair").when().get(API + "/probe/caller").then().body("blinded", equalTo(false));
    as("sponsor.maps").when().get(API + "/probe/caller").then().body("sponsor", equalTo("maps"));
  }

  @Test
  void anotherSitesRecordIsNotFoundRatherThanForbidden() {
    var id =
        as("coordinator.sf")
            .contentType("application/json")
            .body(
                Map.of("name", unique("S"), "siteCode", "US-SF-01", "dose", 1, "labels", List.of()))
            .when()
            .post(API + "/specimens")
            .then()
            .statusCode(201)
            .extract()
            .<String>path("id");

    as("investigator.sf").when().get(API + "/specimens/{id}", id).then().statusCode(200);
    as("coordinator.bos")
        .when()
        .get(API + "/specimens/{id}", id)
        .then()
        .statusCode(404)
        .contentType(startsWith("application/problem+json"))
        .body("code", equalTo("PLATFORM-0404"));
    // Creating at a site one does not work at is refused the same way.
    as("coordinator.bos")
        .contentType("application/json")
        .body(Map.of("name", unique("S"), "siteCode", "US-SF-01", "dose", 1, "labels", List.of()))
        .when()
        .post(API + "/specimens")
        .then()
        .statusCode(404);
  }

  @Test
  void sponsorScopingAnswers404ForOtherSponsors() {
    as("sponsor.maps").when().get(API + "/probe/sponsors/maps").then().statusCode(200);
    as("sponsor.maps").when().get(API + "/probe/sponsors/northstar").then().statusCode(404);
    as("regulator.fda").when().get(API + "/probe/sponsors/maps").then().statusCode(404);
  }
}

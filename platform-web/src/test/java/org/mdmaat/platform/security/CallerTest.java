package org.mdmaat.platform.security;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.mdmaat.platform.Tokens.as;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KeycloakResource;

@QuarkusTest
@QuarkusTestResource(KeycloakResource.class)
class CallerTest {
  static final String API = "/api/web";

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
  void anotherSiteIsNotFoundRatherThanForbidden() {
    as("coordinator.sf").when().get(API + "/probe/sites/US-SF-01").then().statusCode(200);
    as("coordinator.bos")
        .when()
        .get(API + "/probe/sites/US-SF-01")
        .then()
        .statusCode(404)
        .contentType(startsWith("application/problem+json"))
        .body("code", equalTo("PLATFORM-0404"));
    as("sponsor.maps").when().get(API + "/probe/sites/US-SF-01").then().statusCode(404);
  }

  @Test
  void sponsorScopingAnswers404ForOtherSponsors() {
    as("sponsor.maps").when().get(API + "/probe/sponsors/maps").then().statusCode(200);
    as("sponsor.maps").when().get(API + "/probe/sponsors/northstar").then().statusCode(404);
    as("regulator.fda").when().get(API + "/probe/sponsors/maps").then().statusCode(404);
  }
}

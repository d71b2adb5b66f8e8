package org.mdmaat.recruitment.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.mdmaat.recruitment.Api.as;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.recruitment.Api;
import org.mdmaat.recruitment.SelfServedPort;

/**
 * Reading a participant's name and contacts is written to the platform's access log (who, what,
 * when, why), read back by the regulator at {@code /api/recruitment/audit/access-log}; a read that
 * finds nothing (404) is logged as the attempt it was, a read refused for the role (403) is not.
 */
@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "recruitment"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedPort.class)
class ParticipantAccessLogTest {
  private static final String P = "/api/recruitment/participants";
  private static final String LOG = "/api/recruitment/audit/access-log";

  /**
   * The access log entry {@code back} places before the newest, counting the read of this page:
   * {@code back} 1 is the entry logged just before this call.
   */
  private static JsonPath entryBeforeThisRead(int back) {
    long total =
        as("regulator.fda")
            .queryParam("size", 1)
            .when()
            .get(LOG)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getLong("total");
    // The read above is entry total-1 (0-based); the one wanted is `back` before it.
    var page =
        as("regulator.fda")
            .queryParam("page", total - 1 - back)
            .queryParam("size", 1)
            .when()
            .get(LOG)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    return new JsonPath(page.prettify()).setRootPath("items[0]");
  }

  @Test
  void readingAParticipantsDetailsIsLoggedWithWhoWhatAndWhy() {
    var trial = Api.recruitingTrial();
    var code = ParticipantLifecycleTest.register(trial);
    as("coordinator.sf")
        .header("X-Access-Reason", "phone screening call")
        .header("X-Correlation-Id", "trace-" + code)
        .when()
        .get(P + "/{code}", code)
        .then()
        .statusCode(200)
        .body("fullName", org.hamcrest.Matchers.notNullValue());

    var entry = entryBeforeThisRead(1);
    assertThat(entry.getString("actor")).isEqualTo("coordinator.sf");
    assertThat(entry.getString("actorRoles")).contains("site-coordinator");
    assertThat(entry.getString("resourceKind")).isEqualTo("participant");
    assertThat(entry.getString("resource")).isEqualTo(code);
    assertThat(entry.getString("reason")).isEqualTo("phone screening call");
    assertThat(entry.getString("correlationId")).isEqualTo("trace-" + code);
    assertThat(entry.getString("occurredAt")).endsWith("Z");
  }

  @Test
  void listingParticipantsIsLoggedWithTheQuery() {
    var trial = Api.recruitingTrial();
    ParticipantLifecycleTest.register(trial);
    as("coordinator.sf")
        .queryParam("siteCode", "US-SF-01")
        .queryParam("trialId", trial)
        .when()
        .get(P)
        .then()
        .statusCode(200);
    var entry = entryBeforeThisRead(1);
    assertThat(entry.getString("resourceKind")).isEqualTo("participants");
    assertThat(entry.getString("resource"))
        .isEqualTo("siteCode=US-SF-01&trialId=" + trial + "&page=0&size=50");
    assertThat(entry.getString("reason")).isNull();
  }

  @Test
  void aReadThatFindsNothingIsLoggedButOneRefusedForTheRoleIsNot() {
    as("coordinator.sf")
        .when()
        .get(P + "/{code}", "P-ZZZZZZZZ")
        .then()
        .statusCode(404)
        .body("status", equalTo(404));
    var attempt = entryBeforeThisRead(1);
    assertThat(attempt.getString("resourceKind")).isEqualTo("participant");
    assertThat(attempt.getString("resource")).isEqualTo("P-ZZZZZZZZ");

    as("regulator.fda").when().get(P + "/{code}", "P-YYYYYYYY").then().statusCode(403);
    // Newest before this read: the previous read of the access log, not the refused one.
    var newest = entryBeforeThisRead(1);
    assertThat(newest.getString("resourceKind")).isEqualTo("access-log");
  }
}

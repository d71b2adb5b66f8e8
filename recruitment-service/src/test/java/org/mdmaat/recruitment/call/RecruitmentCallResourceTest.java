package org.mdmaat.recruitment.call;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.mdmaat.recruitment.Api.as;
import static org.mdmaat.recruitment.Api.trialBody;
import static org.mdmaat.recruitment.Api.unique;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.recruitment.Api;
import org.mdmaat.recruitment.SelfServedPort;

@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "recruitment"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedPort.class)
class RecruitmentCallResourceTest {

  /** A recruiting trial with a condition and a site city no other test uses. */
  private static String[] trialWithCall(String summary) {
    var condition = unique("Condition");
    var city = unique("City");
    var body = trialBody(unique("CALL"));
    body.put("condition", condition);
    body.put(
        "sites",
        List.of(
            Api.site("US-SF-01", "US", city, "America/Los_Angeles"),
            Api.site("CA-TOR-04", "CA", "Toronto", "America/Toronto")));
    var trial = Api.recruitingTrial(body);
    String call =
        as("sponsor.maps")
            .body(Map.of("trialId", trial, "summary", summary))
            .when()
            .post("/api/recruitment/recruitment-calls")
            .then()
            .statusCode(201)
            .header("Location", containsString("/api/recruitment/recruitment-calls/"))
            .body("open", equalTo(true))
            .extract()
            .path("id");
    return new String[] {trial, call, condition, city};
  }

  @Test
  void anyoneListsOpenCallsWithPublicFactsOnly() {
    var posted = trialWithCall("A plain summary");
    var trial = posted[0];
    var call = posted[1];

    given()
        .queryParam("condition", posted[2].toLowerCase())
        .when()
        .get("/api/recruitment/recruitment-calls")
        .then()
        .statusCode(200)
        .body("items", hasSize(1))
        .body("total", equalTo(1))
        .body("paging", equalTo("page"))
        .body("items[0].id", equalTo(call))
        .body("items[0].trialId", equalTo(trial))
        .body("items[0].status", equalTo("RECRUITING"))
        .body("items[0].summary", equalTo("A plain summary"))
        .body("items[0].sites.city", hasItems(posted[3], "Toronto"))
        .body("items[0].eligibility.inclusion", hasItem("Aged 18 or older"))
        .body("items[0].eligibility.exclusion", hasItem("Not pregnant"))
        .body("items[0]", not(hasKey("sponsor")))
        .body("items[0]", not(hasKey("randomization")))
        .body("items[0]", not(hasKey("regimen")));

    given()
        .when()
        .get("/api/recruitment/recruitment-calls/{id}", call)
        .then()
        .statusCode(200)
        .body("protocolCode", startsWith("CALL-"))
        .body("eligibility.inclusion", hasItem("PTSD symptoms for at least 6 months"))
        // What taking part involves, from the trial's own visit template (MAPP's here).
        .body("visitTemplate.preparationSessions", equalTo(3))
        .body("visitTemplate.experimentalSessions", equalTo(3))
        .body("visitTemplate.experimentalIntervalDays", equalTo(28))
        .body("visitTemplate.integrationSessionsPerExperimental", equalTo(3))
        .body("$", not(hasKey("sponsor")))
        .body("$", not(hasKey("regimen")));
  }

  @Test
  void aCallShowsItsTrialsOwnVisitTemplate() {
    var body = trialBody(unique("VISITS"));
    var template = new java.util.HashMap<String, Object>();
    template.put("preparationSessions", 2);
    template.put("experimentalSessions", 2);
    template.put("experimentalIntervalDays", 35);
    template.put("experimentalWindowDays", 5);
    template.put("integrationSessionsPerExperimental", 4);
    template.put("integrationIntervalDays", 5);
    template.put("followUpContactsPerExperimental", 7);
    body.put("visitTemplate", template);
    var trial = Api.recruitingTrial(body);
    String call =
        as("sponsor.maps")
            .body(Map.of("trialId", trial, "summary", "Two dosing sessions"))
            .when()
            .post("/api/recruitment/recruitment-calls")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    given()
        .when()
        .get("/api/recruitment/recruitment-calls/{id}", call)
        .then()
        .statusCode(200)
        .body("visitTemplate.preparationSessions", equalTo(2))
        .body("visitTemplate.experimentalSessions", equalTo(2))
        .body("visitTemplate.experimentalIntervalDays", equalTo(35))
        .body("visitTemplate.integrationSessionsPerExperimental", equalTo(4))
        .body("visitTemplate.integrationIntervalDays", equalTo(5))
        .body("$", not(hasKey("regimen")))
        .body("$", not(hasKey("randomization")));
  }

  @Test
  void filtersByConditionStatusCountryAndCity() {
    var posted = trialWithCall("filters");
    var call = posted[1];
    given()
        .queryParam("city", posted[3])
        .queryParam("country", "US")
        .when()
        .get("/api/recruitment/recruitment-calls")
        .then()
        .body("items.id", equalTo(List.of(call)));
    given()
        .queryParam("city", posted[3])
        .queryParam("country", "CA")
        .when()
        .get("/api/recruitment/recruitment-calls")
        .then()
        .body("items", hasSize(0));
    given()
        .queryParam("condition", posted[2])
        .queryParam("status", "RECRUITING")
        .when()
        .get("/api/recruitment/recruitment-calls")
        .then()
        .body("items.id", equalTo(List.of(call)));
    given()
        .queryParam("condition", posted[2])
        .queryParam("status", "SUSPENDED")
        .when()
        .get("/api/recruitment/recruitment-calls")
        .then()
        .body("items", hasSize(0));
    given()
        .queryParam("status", "RECRUITING")
        .queryParam("size", 1)
        .when()
        .get("/api/recruitment/recruitment-calls")
        .then()
        .statusCode(200)
        .body("items", hasSize(1))
        .body("items.status", everyItem(equalTo("RECRUITING")));
    given()
        .queryParam("status", "OPEN")
        .when()
        .get("/api/recruitment/recruitment-calls")
        .then()
        .statusCode(400)
        .contentType(startsWith("application/problem+json"))
        .body("violations.field", hasItem("status"));
    given()
        .queryParam("size", 0)
        .when()
        .get("/api/recruitment/recruitment-calls")
        .then()
        .statusCode(400)
        .body("violations.field", hasItem("size"));
  }

  @Test
  void aClosedCallLeavesTheListing() {
    var posted = trialWithCall("closing");
    as("sponsor.northstar")
        .when()
        .post("/api/recruitment/recruitment-calls/{id}/closure", posted[1])
        .then()
        .statusCode(404);
    as("sponsor.maps")
        .when()
        .post("/api/recruitment/recruitment-calls/{id}/closure", posted[1])
        .then()
        .statusCode(200)
        .body("open", equalTo(false));
    as("sponsor.maps")
        .when()
        .post("/api/recruitment/recruitment-calls/{id}/closure", posted[1])
        .then()
        .statusCode(409);
    given()
        .queryParam("condition", posted[2])
        .when()
        .get("/api/recruitment/recruitment-calls")
        .then()
        .body("items", hasSize(0));
  }

  @Test
  void onlyTheTrialsSponsorPostsACall() {
    var trial = Api.recruitingTrial();
    var body = Map.of("trialId", trial, "summary", "s");
    given()
        .contentType("application/json")
        .body(body)
        .when()
        .post("/api/recruitment/recruitment-calls")
        .then()
        .statusCode(401);
    as("coordinator.sf")
        .body(body)
        .when()
        .post("/api/recruitment/recruitment-calls")
        .then()
        .statusCode(403);
    as("sponsor.northstar")
        .body(body)
        .when()
        .post("/api/recruitment/recruitment-calls")
        .then()
        .statusCode(404)
        .body("code", equalTo("REC-0404"));
    as("sponsor.maps")
        .body(Map.of("trialId", trial))
        .when()
        .post("/api/recruitment/recruitment-calls")
        .then()
        .statusCode(400)
        .body("violations.field", hasItem("summary"));
    Api.moveTrial("sponsor.maps", trial, "TERMINATED");
    as("sponsor.maps")
        .body(body)
        .when()
        .post("/api/recruitment/recruitment-calls")
        .then()
        .statusCode(422);
    given()
        .when()
        .get("/api/recruitment/recruitment-calls/{id}", UUID.randomUUID())
        .then()
        .statusCode(404)
        .contentType(startsWith("application/problem+json"));
  }
}

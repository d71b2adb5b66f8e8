package org.mdmaat.recruitment.trial;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.mdmaat.recruitment.Api.as;
import static org.mdmaat.recruitment.Api.createTrial;
import static org.mdmaat.recruitment.Api.moveTrial;
import static org.mdmaat.recruitment.Api.trialBody;
import static org.mdmaat.recruitment.Api.unique;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.Topics;
import org.mdmaat.contracts.events.TrialStatusChanged;
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
class TrialResourceTest {
  @Inject ObjectMapper json;

  @Test
  void aSponsorCreatesATrialWithMappDefaultsAndTheSeedStaysConcealed() {
    var code = unique("MAPP");
    var id = createTrial("sponsor.maps", trialBody(code));

    as("sponsor.maps")
        .when()
        .get("/api/recruitment/trials/{id}", id)
        .then()
        .statusCode(200)
        .body("sponsor", equalTo("maps"))
        .body("protocolCode", equalTo(code))
        .body("status", equalTo("NOT_YET_RECRUITING"))
        .body("sites.code", hasItems("US-SF-01", "US-BOS-02"))
        .body("sites.find { it.code == 'US-BOS-02' }.city", equalTo("Boston"))
        .body("eligibility.ruleSet", equalTo("MAPP2"))
        .body("eligibility.rules.id", hasItem("caps5-severity"))
        .body("randomization.blockSizes", equalTo(List.of(4, 6)))
        .body("randomization.stratifyByDissociativeSubtype", equalTo(false))
        .body("randomization.seedHandling", equalTo("GENERATED"))
        .body("randomization", not(hasKey("seed")))
        .body("regimen.kind", equalTo("FIXED_SPLIT"))
        .body("regimen.initialDosesMgHcl", equalTo(List.of(80.0f, 120.0f)))
        .body("regimen.supplementalFraction", equalTo(0.5f))
        .body("regimen.maxMgHclPerSession", equalTo(180.0f))
        .body("visitTemplate.experimentalSessions", equalTo(3))
        .body("visitTemplate.experimentalIntervalDays", equalTo(28))
        .body("blinded", equalTo(true));

    as("regulator.fda")
        .queryParam("entityId", id)
        .when()
        .get("/api/recruitment/audit")
        .then()
        .statusCode(200)
        .body("items", hasSize(1))
        .body("items[0].action", equalTo("CREATE"))
        .body("items[0].actor", equalTo("sponsor.maps"))
        .body("items[0].trialId", equalTo(id))
        .body("items[0].after", not(hasKey("randomizationSeed")));
  }

  @Test
  void aTrialTakesItsOwnSettingsAndRulesOrANamedRuleSet() {
    var body = trialBody(unique("OWN"));
    body.put(
        "eligibility",
        Map.of(
            "rules",
            List.of(
                Map.of(
                    "id", "adult",
                    "kind", "INCLUSION",
                    "field", "age",
                    "operator", "GTE",
                    "value", 21,
                    "message", "Aged 21 or older"))));
    body.put(
        "randomization",
        Map.of("blockSizes", List.of(4, 6), "stratifyByDissociativeSubtype", true));
    body.put("regimen", Map.of("kind", "WEIGHT_BASED", "maxMgPerKg", 1.25));
    body.put("visitTemplate", Map.of("preparationSessions", 2));
    var id = createTrial("sponsor.maps", body);
    as("sponsor.maps")
        .when()
        .get("/api/recruitment/trials/{id}", id)
        .then()
        .statusCode(200)
        .body("eligibility.ruleSet", nullValue())
        .body("eligibility.rules", hasSize(1))
        .body("eligibility.rules[0].value", equalTo(21))
        .body("randomization.blockSizes", equalTo(List.of(4, 6)))
        .body("randomization.stratifyByDissociativeSubtype", equalTo(true))
        .body("randomization.seedHandling", equalTo("GENERATED"))
        .body("regimen.kind", equalTo("WEIGHT_BASED"))
        .body("regimen.maxMgPerKg", equalTo(1.25f))
        .body("regimen.minMgPerKg", equalTo(0.75f))
        .body("visitTemplate.preparationSessions", equalTo(2))
        .body("visitTemplate.integrationSessionsPerExperimental", equalTo(3));

    var mapp1 = trialBody(unique("M1"));
    mapp1.put("eligibility", Map.of("ruleSet", "MAPP1"));
    var first = createTrial("sponsor.maps", mapp1);
    as("sponsor.maps")
        .when()
        .get("/api/recruitment/trials/{id}", first)
        .then()
        .body("eligibility.ruleSet", equalTo("MAPP1"))
        .body("eligibility.rules.find { it.id == 'caps5-severity' }.value", equalTo(35));
  }

  @Test
  void theStatusMovesOnlyByValidTransitionsAndEachMoveIsAnnounced() throws Exception {
    var id = createTrial("sponsor.maps", trialBody(unique("ST")));
    as("sponsor.maps")
        .body(Map.of("status", "COMPLETED", "reason", "too early"))
        .when()
        .post("/api/recruitment/trials/{id}/status", id)
        .then()
        .statusCode(409)
        .contentType(startsWith("application/problem+json"))
        .body("code", equalTo("REC-0409"))
        .body("detail", containsString("NOT_YET_RECRUITING"));

    Api.moveTrial("sponsor.maps", id, "RECRUITING");
    Api.moveTrial("sponsor.maps", id, "SUSPENDED");
    Api.moveTrial("sponsor.maps", id, "RECRUITING");
    Api.moveTrial("sponsor.maps", id, "TERMINATED");
    as("sponsor.maps")
        .body(Map.of("status", "RECRUITING", "reason", "restart"))
        .when()
        .post("/api/recruitment/trials/{id}/status", id)
        .then()
        .statusCode(409);
    as("sponsor.maps")
        .when()
        .get("/api/recruitment/trials/{id}", id)
        .then()
        .body("status", equalTo("TERMINATED"));

    var events =
        Api.events(Topics.TRIALS, id, e -> e.type().equals(EventTypes.TRIAL_STATUS_CHANGED), 4);
    assertThat(events).hasSize(4);
    var changes = new java.util.ArrayList<TrialStatusChanged>();
    for (var e : events) {
      assertThat(e.source()).isEqualTo("recruitment-service");
      assertThat(e.trialId()).isEqualTo(id);
      changes.add(json.treeToValue(e.data(), TrialStatusChanged.class));
    }
    assertThat(changes)
        .extracting(TrialStatusChanged::status)
        .containsExactly("RECRUITING", "SUSPENDED", "RECRUITING", "TERMINATED");
    assertThat(changes.get(0).previousStatus()).isEqualTo("NOT_YET_RECRUITING");
    assertThat(changes.get(1).reason()).isEqualTo("test moves to SUSPENDED");

    as("regulator.fda")
        .queryParam("entityId", id)
        .when()
        .get("/api/recruitment/audit")
        .then()
        .body(
            "items.action",
            equalTo(List.of("CREATE", "TRANSITION", "TRANSITION", "TRANSITION", "TRANSITION")))
        .body("items[1].before.status", equalTo("NOT_YET_RECRUITING"))
        .body("items[1].after.status", equalTo("RECRUITING"));
  }

  @Test
  void onlyTheUnblindedStatisticianSetsTheSeedAndItIsNeverShown() {
    var body = trialBody(unique("SEED"));
    body.put("randomization", Map.of("seed", "00112233445566778899aabbccddeeff"));
    as("sponsor.maps")
        .body(body)
        .when()
        .post("/api/recruitment/trials")
        .then()
        .statusCode(403)
        .body("code", equalTo("REC-0403-SEED"));

    var id = createTrial("sponsor.maps", trialBody(unique("SEED")));
    as("sponsor.maps")
        .body(Map.of("seed", "00112233445566778899aabbccddeeff"))
        .when()
        .put("/api/recruitment/trials/{id}/randomization-seed", id)
        .then()
        .statusCode(403);
    as("statistician.maps")
        .body(Map.of("seed", "xyz"))
        .when()
        .put("/api/recruitment/trials/{id}/randomization-seed", id)
        .then()
        .statusCode(400);
    as("statistician.maps")
        .body(Map.of("seed", "00112233445566778899aabbccddeeff"))
        .when()
        .put("/api/recruitment/trials/{id}/randomization-seed", id)
        .then()
        .statusCode(200)
        .body("randomization.seedHandling", equalTo("PROVIDED"))
        .body("randomization", not(hasKey("seed")))
        .body(not(containsString("00112233445566778899aabbccddeeff")));
    as("regulator.fda")
        .queryParam("entityType", "Trial")
        .queryParam("entityId", id)
        .when()
        .get("/api/recruitment/audit")
        .then()
        .body("items.action", hasItem("SEED_SET"))
        .body(not(containsString("00112233445566778899aabbccddeeff")));

    moveTrial("sponsor.maps", id, "RECRUITING");
    as("statistician.maps")
        .body(Map.of("seed", "ffeeddccbbaa99887766554433221100"))
        .when()
        .put("/api/recruitment/trials/{id}/randomization-seed", id)
        .then()
        .statusCode(409);
  }

  @Test
  void aSponsorSeesAndChangesOnlyItsOwnTrials() {
    var id = createTrial("sponsor.maps", trialBody(unique("OWN")));
    as("sponsor.northstar")
        .when()
        .get("/api/recruitment/trials/{id}", id)
        .then()
        .statusCode(404)
        .contentType(startsWith("application/problem+json"));
    as("sponsor.northstar")
        .body(Map.of("status", "RECRUITING", "reason", "hijack"))
        .when()
        .post("/api/recruitment/trials/{id}/status", id)
        .then()
        .statusCode(404);
    as("sponsor.northstar")
        .queryParam("size", 100)
        .when()
        .get("/api/recruitment/trials")
        .then()
        .statusCode(200)
        .body("items.id", not(hasItem(id)));
    as("sponsor.maps").when().get("/api/recruitment/trials/{id}", id).then().statusCode(200);
    // The same protocol code is free for another sponsor, not twice for one.
    var code = unique("DUP");
    createTrial("sponsor.maps", trialBody(code));
    createTrial("sponsor.northstar", trialBody(code));
    as("sponsor.maps")
        .body(trialBody(code))
        .when()
        .post("/api/recruitment/trials")
        .then()
        .statusCode(409)
        .body("code", equalTo("REC-0409-DUPLICATE"));
  }

  @Test
  void refusesWithoutTokenOrWithTheWrongRole() {
    given()
        .contentType("application/json")
        .body(trialBody(unique("X")))
        .when()
        .post("/api/recruitment/trials")
        .then()
        .statusCode(401);
    as("coordinator.sf")
        .body(trialBody(unique("X")))
        .when()
        .post("/api/recruitment/trials")
        .then()
        .statusCode(403)
        .contentType(startsWith("application/problem+json"));
    as("regulator.fda").when().get("/api/recruitment/trials").then().statusCode(403);
  }

  @Test
  void listsArePagedNewestFirst() {
    var older = createTrial("sponsor.northstar", trialBody(unique("P")));
    var newer = createTrial("sponsor.northstar", trialBody(unique("P")));
    as("sponsor.northstar")
        .queryParam("size", 1)
        .when()
        .get("/api/recruitment/trials")
        .then()
        .statusCode(200)
        .body("items", hasSize(1))
        .body("items[0].id", equalTo(newer))
        .body("size", equalTo(1))
        .body("paging", equalTo("page"));
    as("sponsor.northstar")
        .queryParam("size", 1)
        .queryParam("page", 1)
        .when()
        .get("/api/recruitment/trials")
        .then()
        .body("items[0].id", equalTo(older));
    as("sponsor.northstar")
        .queryParam("status", "NOPE")
        .when()
        .get("/api/recruitment/trials")
        .then()
        .statusCode(400)
        .body("violations.field", hasItem("status"));
    as("sponsor.northstar")
        .queryParam("size", 1000)
        .when()
        .get("/api/recruitment/trials")
        .then()
        .statusCode(400);
  }

  @Test
  void rejectsBadInputAsProblemsNamingTheFieldAndWritesNothing() {
    var code = unique("BAD");
    var missing = trialBody(code);
    missing.remove("title");
    as("sponsor.maps")
        .body(missing)
        .when()
        .post("/api/recruitment/trials")
        .then()
        .statusCode(400)
        .contentType(startsWith("application/problem+json"))
        .body("violations.field", hasItem("title"));

    var unknown = trialBody(code);
    unknown.put("arm", "MDMA");
    as("sponsor.maps")
        .body(unknown)
        .when()
        .post("/api/recruitment/trials")
        .then()
        .statusCode(400)
        .body("violations.field", hasItem("arm"));

    var phase = trialBody(code);
    phase.put("phase", "PHASE_9");
    as("sponsor.maps")
        .body(phase)
        .when()
        .post("/api/recruitment/trials")
        .then()
        .statusCode(400)
        .body("violations.field", hasItem("phase"));

    var site = trialBody(code);
    site.put("sites", List.of(Api.site("US-SF-01", "USA", "SF", "America/Los_Angeles")));
    as("sponsor.maps")
        .body(site)
        .when()
        .post("/api/recruitment/trials")
        .then()
        .statusCode(400)
        .body("violations.field", hasItem("sites[0].country"));

    var odd = trialBody(code);
    odd.put("randomization", Map.of("blockSizes", List.of(2, 3)));
    as("sponsor.maps")
        .body(odd)
        .when()
        .post("/api/recruitment/trials")
        .then()
        .statusCode(422)
        .body("code", equalTo("REC-0422"))
        .body("violations.field", hasItem("randomization.blockSizes[1]"));

    var ruleSet = trialBody(code);
    ruleSet.put("eligibility", Map.of("ruleSet", "MAPP9"));
    as("sponsor.maps")
        .body(ruleSet)
        .when()
        .post("/api/recruitment/trials")
        .then()
        .statusCode(422)
        .body("violations.field", hasItem("eligibility.ruleSet"));

    var rule = new HashMap<String, Object>(trialBody(code));
    rule.put(
        "eligibility",
        Map.of(
            "rules",
            List.of(
                Map.of(
                    "id", "r",
                    "kind", "INCLUSION",
                    "field", "shoeSize",
                    "operator", "GTE",
                    "value", 1,
                    "message", "m"))));
    as("sponsor.maps")
        .body(rule)
        .when()
        .post("/api/recruitment/trials")
        .then()
        .statusCode(422)
        .body("violations.field", hasItem("eligibility.rules[0].field"));

    // None of the refused requests left a trial behind: the code is still free.
    createTrial("sponsor.maps", trialBody(code));
    as("sponsor.maps")
        .when()
        .get("/api/recruitment/trials/{id}", "no-such-trial")
        .then()
        .statusCode(404)
        .body("code", equalTo("REC-0404"));
  }

  @Test
  void zeroSettingsAreStoredAsZeroAndAZeroSupplementLeavesItsWindowFree() {
    var body = trialBody(unique("ZERO"));
    // No supplemental dose: its window is never used, so earliest may exceed latest.
    body.put(
        "regimen",
        Map.of(
            "supplementalFraction",
            0.0,
            "supplementalEarliestMinutes",
            0,
            "supplementalLatestMinutes",
            0));
    body.put(
        "visitTemplate", Map.of("preparationSessions", 0, "followUpContactsPerExperimental", 0));
    var id = createTrial("sponsor.maps", body);
    as("sponsor.maps")
        .when()
        .get("/api/recruitment/trials/{id}", id)
        .then()
        .statusCode(200)
        .body("regimen.supplementalFraction", equalTo(0.0f))
        .body("regimen.supplementalEarliestMinutes", equalTo(0))
        .body("regimen.supplementalLatestMinutes", equalTo(0))
        // Omitted settings: MAPP's, stored and shown.
        .body("regimen.maxMgHclPerSession", equalTo(180.0f))
        .body("visitTemplate.preparationSessions", equalTo(0))
        .body("visitTemplate.followUpContactsPerExperimental", equalTo(0))
        .body("visitTemplate.experimentalSessions", equalTo(3));

    var noSupplementLateWindow = trialBody(unique("ZERO"));
    noSupplementLateWindow.put(
        "regimen",
        Map.of(
            "supplementalFraction",
            0.0,
            "supplementalEarliestMinutes",
            150,
            "supplementalLatestMinutes",
            60));
    createTrial("sponsor.maps", noSupplementLateWindow);

    var halfDoseLateWindow = trialBody(unique("HALF"));
    halfDoseLateWindow.put(
        "regimen",
        Map.of(
            "supplementalFraction",
            0.5,
            "supplementalEarliestMinutes",
            150,
            "supplementalLatestMinutes",
            60));
    as("sponsor.maps")
        .body(halfDoseLateWindow)
        .when()
        .post("/api/recruitment/trials")
        .then()
        .statusCode(422)
        .body("code", equalTo("REC-0422"))
        .body("violations.field", hasItem("regimen.supplementalEarliestMinutes"));
  }

  @Test
  void sitesHaveTimeZonesAndTheSponsorChangesOneWithAReasonAudited() {
    var id = createTrial("sponsor.maps", trialBody(unique("TZ")));
    as("sponsor.maps")
        .when()
        .get("/api/recruitment/trials/{id}", id)
        .then()
        .statusCode(200)
        .body("sites.find { it.code == 'US-SF-01' }.timeZone", equalTo("America/Los_Angeles"))
        .body("sites.find { it.code == 'US-BOS-02' }.timeZone", equalTo("America/New_York"));

    as("sponsor.maps")
        .body(Map.of("timeZone", "America/Detroit", "reason", "site moved to Detroit"))
        .when()
        .put("/api/recruitment/trials/{id}/sites/{code}/time-zone", id, "US-BOS-02")
        .then()
        .statusCode(200)
        .body("id", equalTo(id))
        .body("sites.find { it.code == 'US-BOS-02' }.timeZone", equalTo("America/Detroit"))
        .body("sites.find { it.code == 'US-SF-01' }.timeZone", equalTo("America/Los_Angeles"));
    as("sponsor.maps")
        .when()
        .get("/api/recruitment/trials/{id}", id)
        .then()
        .body("sites.find { it.code == 'US-BOS-02' }.timeZone", equalTo("America/Detroit"));

    // The zone it already has: nothing changes, nothing is written.
    as("sponsor.maps")
        .body(Map.of("timeZone", "America/Detroit", "reason", "again"))
        .when()
        .put("/api/recruitment/trials/{id}/sites/{code}/time-zone", id, "US-BOS-02")
        .then()
        .statusCode(200);

    as("regulator.fda")
        .queryParam("trialId", id)
        .queryParam("entityType", "TrialSite")
        .when()
        .get("/api/recruitment/audit")
        .then()
        .statusCode(200)
        .body("items", hasSize(1))
        .body("items[0].entityId", equalTo(id + "/US-BOS-02"))
        .body("items[0].action", equalTo("UPDATE"))
        .body("items[0].actor", equalTo("sponsor.maps"))
        .body("items[0].reason", equalTo("site moved to Detroit"))
        .body("items[0].before.timeZone", equalTo("America/New_York"))
        .body("items[0].after.timeZone", equalTo("America/Detroit"));
  }

  @Test
  void aSiteTimeZoneIsRequiredValidAndChangedOnlyByItsOwnSponsor() {
    var code = unique("TZBAD");
    var missing = trialBody(code);
    missing.put(
        "sites",
        List.of(
            Map.of("code", "US-SF-01", "country", "US", "city", "San Francisco"),
            Api.site("US-BOS-02", "US", "Boston", "America/New_York")));
    as("sponsor.maps")
        .body(missing)
        .when()
        .post("/api/recruitment/trials")
        .then()
        .statusCode(400)
        .contentType(startsWith("application/problem+json"))
        .body("code", equalTo("PLATFORM-0400"))
        .body("violations.field", hasItem("sites[0].timeZone"));
    for (var zone : List.of("Mars/Olympus_Mons", "+02:00", "PST", "america/los_angeles", "")) {
      var bad = trialBody(code);
      bad.put(
          "sites",
          List.of(
              Api.site("US-SF-01", "US", "San Francisco", "America/Los_Angeles"),
              Api.site("US-BOS-02", "US", "Boston", zone)));
      as("sponsor.maps")
          .body(bad)
          .when()
          .post("/api/recruitment/trials")
          .then()
          .statusCode(400)
          .body("code", equalTo("PLATFORM-0400"))
          .body("violations.field", hasItem("sites[1].timeZone"));
    }
    // None of the refused requests left a trial behind: the code is still free.
    var id = createTrial("sponsor.maps", trialBody(code));

    var path = "/api/recruitment/trials/{id}/sites/{code}/time-zone";
    as("sponsor.maps")
        .body(Map.of("timeZone", "Mars/Olympus_Mons", "reason", "typo"))
        .when()
        .put(path, id, "US-SF-01")
        .then()
        .statusCode(400)
        .contentType(startsWith("application/problem+json"))
        .body("code", equalTo("PLATFORM-0400"))
        .body("violations.field", hasItem("timeZone"));
    as("sponsor.maps")
        .body(Map.of("timeZone", "America/Denver"))
        .when()
        .put(path, id, "US-SF-01")
        .then()
        .statusCode(400)
        .body("violations.field", hasItem("reason"));
    as("sponsor.northstar")
        .body(Map.of("timeZone", "America/Denver", "reason", "hijack"))
        .when()
        .put(path, id, "US-SF-01")
        .then()
        .statusCode(404)
        .contentType(startsWith("application/problem+json"))
        .body("code", equalTo("REC-0404"));
    as("sponsor.maps")
        .body(Map.of("timeZone", "America/Denver", "reason", "no such site"))
        .when()
        .put(path, id, "US-DEN-09")
        .then()
        .statusCode(404)
        .body("code", equalTo("REC-0404"));
    as("coordinator.sf")
        .body(Map.of("timeZone", "America/Denver", "reason", "not a sponsor"))
        .when()
        .put(path, id, "US-SF-01")
        .then()
        .statusCode(403);

    as("sponsor.maps")
        .when()
        .get("/api/recruitment/trials/{id}", id)
        .then()
        .body("sites.find { it.code == 'US-SF-01' }.timeZone", equalTo("America/Los_Angeles"));
    as("regulator.fda")
        .queryParam("trialId", id)
        .when()
        .get("/api/recruitment/audit")
        .then()
        .statusCode(200)
        .body("items.action", equalTo(List.of("CREATE")));
  }
}

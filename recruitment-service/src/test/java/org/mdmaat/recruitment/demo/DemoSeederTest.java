package org.mdmaat.recruitment.demo;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.mdmaat.recruitment.Api.as;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.recruitment.SelfServedPort;
import org.mdmaat.recruitment.randomization.AllocationSlot;
import org.mdmaat.recruitment.trial.Trial;
import org.mdmaat.recruitment.trial.TrialSite;

/** The demo seeder, called directly (tests run with recruitment.demo.seed=false). */
@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "recruitment"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedPort.class)
class DemoSeederTest {
  @Inject DemoSeeder seeder;
  @Inject DemoConfig config;

  @Test
  void seedsARecruitingMapp2TrialWithACallAndAllocationListsOnce() throws Throwable {
    assertThat(config.seed()).as("tests do not seed at startup").isFalse();
    var first = VertxContextSupport.subscribeAndAwait(() -> seeder.seed());
    var again = VertxContextSupport.subscribeAndAwait(() -> seeder.seed());
    assertThat(again).as("idempotent").isFalse();
    assertThat(first).isTrue();

    var id = config.trialId();
    as("sponsor.maps")
        .when()
        .get("/api/recruitment/trials/{id}", id)
        .then()
        .statusCode(200)
        .body("sponsor", equalTo("maps"))
        .body("status", equalTo("RECRUITING"))
        .body("eligibility.ruleSet", equalTo("MAPP2"))
        // MAPP2's screening CAPS-5 threshold, so that the demo trial can sign eligibility.
        .body("eligibility.screeningCaps5MinTotal", equalTo(28))
        .body("sites.code", hasItems("US-SF-01", "US-BOS-02"))
        .body("sites.find { it.code == 'US-SF-01' }.city", equalTo("San Francisco"))
        .body("sites.find { it.code == 'US-BOS-02' }.city", equalTo("Boston"))
        .body("sites.find { it.code == 'US-SF-01' }.timeZone", equalTo("America/Los_Angeles"))
        .body("sites.find { it.code == 'US-BOS-02' }.timeZone", equalTo("America/New_York"));
    given()
        .queryParam("city", "Boston")
        .queryParam("size", 100)
        .when()
        .get("/api/recruitment/recruitment-calls")
        .then()
        .statusCode(200)
        .body("items.trialId", hasItem(id));

    long sites =
        VertxContextSupport.subscribeAndAwait(
            () -> Panache.withSession(() -> TrialSite.count("trialId", id)));
    assertThat(sites).isEqualTo(2);
    long slots =
        VertxContextSupport.subscribeAndAwait(
            () -> Panache.withSession(() -> AllocationSlot.count("trialId", id)));
    // 104 participants over 4 strata (2 sites x dissociative subtype): at least 26 each.
    assertThat(slots).isGreaterThanOrEqualTo(104);
    long strata =
        VertxContextSupport.subscribeAndAwait(
            () ->
                Panache.withSession(
                    () ->
                        AllocationSlot.<AllocationSlot>list("trialId", id)
                            .map(list -> list.stream().map(s -> s.stratum).distinct().count())));
    assertThat(strata).isEqualTo(4);
    // Generating the lists is audited per stratum, without arms or kit codes.
    as("regulator.fda")
        .queryParam("trialId", id)
        .queryParam("entityType", "AllocationList")
        .when()
        .get("/api/recruitment/audit")
        .then()
        .statusCode(200)
        .body("items", org.hamcrest.Matchers.hasSize(4))
        .body("items[0].action", equalTo("GENERATE"))
        .body(
            "items.toString()",
            org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("PLACEBO")))
        .body(
            "items.toString()",
            org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("K-")));

    // A demo trial seeded before sites had time zones gets them on the next start, audited; a
    // zone already set (e.g. by the sponsor) is kept.
    VertxContextSupport.subscribeAndAwait(
        () ->
            Panache.withTransaction(
                () ->
                    TrialSite.update("timeZone = null where trialId = ?1", id)
                        .chain(
                            () ->
                                TrialSite.update(
                                    "timeZone = ?1 where trialId = ?2 and code = ?3",
                                    "America/Phoenix",
                                    id,
                                    "US-SF-01"))));
    var refill = VertxContextSupport.subscribeAndAwait(() -> seeder.seed());
    assertThat(refill).as("not created again").isFalse();
    as("sponsor.maps")
        .when()
        .get("/api/recruitment/trials/{id}", id)
        .then()
        .statusCode(200)
        .body("sites.find { it.code == 'US-SF-01' }.timeZone", equalTo("America/Phoenix"))
        .body("sites.find { it.code == 'US-BOS-02' }.timeZone", equalTo("America/New_York"));
    as("regulator.fda")
        .queryParam("trialId", id)
        .queryParam("entityType", "TrialSite")
        .when()
        .get("/api/recruitment/audit")
        .then()
        .statusCode(200)
        .body("items", org.hamcrest.Matchers.hasSize(1))
        .body("items[0].entityId", equalTo(id + "/US-BOS-02"))
        .body("items[0].actor", equalTo("system:recruitment-service-demo"))
        .body("items[0].before.timeZone", org.hamcrest.Matchers.nullValue())
        .body("items[0].after.timeZone", equalTo("America/New_York"))
        .body("items[0].reason", org.hamcrest.Matchers.notNullValue());
    assertThat(VertxContextSupport.subscribeAndAwait(() -> seeder.seed())).isFalse();

    // A demo trial seeded before the threshold existed gets MAPP2's at the next start, audited; a
    // threshold already set (e.g. by the sponsor) is kept.
    VertxContextSupport.subscribeAndAwait(
        () ->
            Panache.withTransaction(
                () -> Trial.update("screeningCaps5MinTotal = null where id = ?1", id)));
    assertThat(VertxContextSupport.subscribeAndAwait(() -> seeder.seed())).isFalse();
    as("sponsor.maps")
        .when()
        .get("/api/recruitment/trials/{id}", id)
        .then()
        .body("eligibility.screeningCaps5MinTotal", equalTo(28));
    org.mdmaat.recruitment.Api.screeningThreshold(id, 30);
    assertThat(VertxContextSupport.subscribeAndAwait(() -> seeder.seed())).isFalse();
    as("sponsor.maps")
        .when()
        .get("/api/recruitment/trials/{id}", id)
        .then()
        .body("eligibility.screeningCaps5MinTotal", equalTo(30));
    as("regulator.fda")
        .queryParam("entityType", "Trial")
        .queryParam("entityId", id)
        .queryParam("actor", "system:recruitment-service-demo")
        .when()
        .get("/api/recruitment/audit")
        .then()
        .statusCode(200)
        .body(
            "items.findAll { it.action == 'UPDATE' }.after.eligibility.screeningCaps5MinTotal",
            org.hamcrest.Matchers.everyItem(equalTo(28)))
        .body("items.findAll { it.action == 'UPDATE' }", org.hamcrest.Matchers.hasSize(2));

    as("regulator.fda")
        .queryParam("trialId", id)
        .queryParam("entityType", "TrialSite")
        .when()
        .get("/api/recruitment/audit")
        .then()
        .body("items", org.hamcrest.Matchers.hasSize(1));
  }
}

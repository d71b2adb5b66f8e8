package org.mdmaat.recruitment.trial;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.mdmaat.recruitment.Api.as;
import static org.mdmaat.recruitment.Api.createTrial;
import static org.mdmaat.recruitment.Api.trialBody;
import static org.mdmaat.recruitment.Api.unique;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.recruitment.Api;
import org.mdmaat.recruitment.SelfServedPort;

/** The trial's ClinicalTrials.gov-shaped record (issue 21): its sponsor's only, no allocation. */
@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "recruitment"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedPort.class)
class TrialRegistrationTest {
  private static final String PATH = "/api/recruitment/trials/{id}/registration";

  @Test
  void theSponsorReadsItsTrialAsAClinicalTrialsGovProtocolSection() {
    var code = unique("REG");
    var id = Api.recruitingTrial(trialBody(code));

    String body =
        as("sponsor.maps")
            .when()
            .get(PATH, id)
            .then()
            .statusCode(200)
            .body("protocolSection.identificationModule.orgStudyIdInfo.id", equalTo(code))
            .body(
                "protocolSection.identificationModule.briefTitle",
                equalTo("MDMA-assisted therapy for PTSD " + code))
            .body("protocolSection.identificationModule.officialTitle", containsString(code))
            .body("protocolSection.statusModule.overallStatus", equalTo("RECRUITING"))
            .body("protocolSection.sponsorCollaboratorsModule.leadSponsor.name", equalTo("maps"))
            .body(
                "protocolSection.conditionsModule.conditions",
                equalTo(List.of("Post-traumatic stress disorder")))
            .body("protocolSection.designModule.phases", equalTo(List.of("PHASE3")))
            .body("protocolSection.designModule.designInfo.allocation", equalTo("RANDOMIZED"))
            .body("protocolSection.designModule.enrollmentInfo.count", equalTo(20))
            .body(
                "protocolSection.armsInterventionsModule.armGroups.label",
                containsInAnyOrder("MDMA-assisted therapy", "Placebo with therapy"))
            .body(
                "protocolSection.armsInterventionsModule.armGroups[0].description",
                containsString("80 or 120 mg"))
            .body("protocolSection.armsInterventionsModule.interventions.name", hasItem("Placebo"))
            .body(
                "protocolSection.outcomesModule.primaryOutcomes[0].measure",
                containsString("CAPS-5"))
            .body(
                "protocolSection.eligibilityModule.eligibilityCriteria",
                startsWith("Inclusion Criteria:"))
            .body(
                "protocolSection.eligibilityModule.eligibilityCriteria",
                containsString("Exclusion Criteria:"))
            .body(
                "protocolSection.contactsLocationsModule.locations.facility",
                containsInAnyOrder("US-SF-01", "US-BOS-02"))
            .body(
                "protocolSection.contactsLocationsModule.locations.find { it.facility == 'US-BOS-02' }.country",
                equalTo("United States"))
            .extract()
            .asString();

    // Protocol-public only: the nine modules, no randomization settings, no allocation.
    assertThat(
            io.restassured.path.json.JsonPath.from(body)
                .<String, Object>getMap("protocolSection")
                .keySet())
        .containsExactlyInAnyOrder(
            "identificationModule",
            "statusModule",
            "sponsorCollaboratorsModule",
            "conditionsModule",
            "designModule",
            "armsInterventionsModule",
            "outcomesModule",
            "eligibilityModule",
            "contactsLocationsModule");
    assertThat(body.toLowerCase(Locale.ROOT))
        .doesNotContain("seed")
        .doesNotContain("blocksizes")
        .doesNotContain("kitcode")
        .doesNotContain("allocations");
  }

  @Test
  void anotherSponsorsTrialLooksMissing() {
    var id = createTrial("sponsor.maps", trialBody(unique("REG")));

    as("sponsor.northstar")
        .when()
        .get(PATH, id)
        .then()
        .statusCode(404)
        .contentType(startsWith("application/problem+json"));
  }

  @Test
  void refusesOtherRolesAndAnonymousCallers() {
    var id = createTrial("sponsor.maps", trialBody(unique("REG")));

    given().when().get(PATH, id).then().statusCode(401);
    as("investigator.sf").when().get(PATH, id).then().statusCode(403);
    as("pharmacist.sf").when().get(PATH, id).then().statusCode(403);
  }
}

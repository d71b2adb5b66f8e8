package org.mdmaat.outcomes.odm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.mdmaat.outcomes.OutcomesFixtures.as;
import static org.mdmaat.outcomes.OutcomesFixtures.assessment;
import static org.mdmaat.outcomes.OutcomesFixtures.newCode;
import static org.mdmaat.outcomes.OutcomesFixtures.newTrial;
import static org.mdmaat.outcomes.OutcomesFixtures.randomize;
import static org.mdmaat.outcomes.OutcomesFixtures.sds;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.OdmStructure;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.outcomes.SelfServedPeersPort;

/** outcomes-service's part of the ODM study export: every instrument, every revision. */
@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "outcomes"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedPeersPort.class)
class OdmResourceTest {

  private static String part(String user, String trial, String part) {
    return as(user)
        .header("X-Access-Reason", "submission")
        .when()
        .get("/api/outcomes/trials/{t}/odm/" + part, trial)
        .then()
        .statusCode(200)
        .extract()
        .asString();
  }

  @Test
  void theSponsorGetsEveryInstrumentAndEveryRevisionWithItsAuditRecord() {
    var trial = newTrial();
    var code = newCode();
    randomize(code, trial);
    String id =
        as("coordinator.sf")
            .contentType("application/json")
            .body(assessment("SDS", "BASELINE", sds(4, 5, 6)))
            .when()
            .post("/api/outcomes/participants/{code}/assessments", code)
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    as("investigator.sf")
        .contentType("application/json")
        .body(Map.of("responses", sds(7, 5, 6), "reason", "work item misread"))
        .when()
        .put("/api/outcomes/assessments/{id}", id)
        .then()
        .statusCode(200);

    var metadata = part("sponsor.maps", trial, "metadata");
    var clinical = part("sponsor.maps", trial, "clinical");
    var file = OdmStructure.compose(metadata, clinical);

    assertThat(OdmStructure.problems(file)).isEmpty();
    // Every instrument is defined, items and totals, whether or not the trial used it.
    for (var instrument : new String[] {"CAPS5", "PCL5", "BDI2", "SDS", "AUDIT", "WAISR"}) {
      assertThat(metadata).contains("<FormDef OID=\"F." + instrument + "\"");
      assertThat(metadata).contains("<ItemDef OID=\"I." + instrument + ".TOTAL\"");
    }
    assertThat(metadata).contains("<ItemDef OID=\"I.CAPS5.B1\"");
    assertThat(metadata).contains("<User OID=\"coordinator.sf\"");
    assertThat(metadata).contains("<User OID=\"investigator.sf\"");
    assertThat(metadata).contains("<Location OID=\"US-SF-01\"");
    assertThat(clinical).startsWith("<ClinicalData");
    assertThat(clinical).contains("<SubjectData SubjectKey=\"" + code + "\"");
    assertThat(clinical).contains("TransactionType=\"Insert\"");
    assertThat(clinical).contains("TransactionType=\"Update\"");
    assertThat(clinical).contains("<ReasonForChange>work item misread</ReasonForChange>");
    assertThat(clinical).contains("<ItemData ItemOID=\"I.SDS.WORK\" Value=\"4\"");
    assertThat(clinical).contains("<ItemData ItemOID=\"I.SDS.WORK\" Value=\"7\"");
    assertThat(clinical).contains("<SourceID>" + id + "/2</SourceID>");
    // Blinded: no arm, and not the kit either (the randomization event carried it).
    assertThat(file).doesNotContainIgnoringCase("arm").doesNotContain("KIT-" + code);

    // The regulator too, before unblinding (nothing here unblinds).
    assertThat(
            OdmStructure.problems(
                OdmStructure.compose(
                    part("regulator.fda", trial, "metadata"),
                    part("regulator.fda", trial, "clinical"))))
        .isEmpty();
  }

  @Test
  void siteStaffAreRefusedAndAnotherSponsorFindsNoTrial() {
    var trial = newTrial();
    randomize(newCode(), trial);
    for (var part : new String[] {"metadata", "clinical"}) {
      as("investigator.sf")
          .when()
          .get("/api/outcomes/trials/{t}/odm/" + part, trial)
          .then()
          .statusCode(403);
      as("sponsor.northstar")
          .when()
          .get("/api/outcomes/trials/{t}/odm/" + part, trial)
          .then()
          .statusCode(404)
          .body("code", equalTo("OUT-0404"));
    }
  }
}

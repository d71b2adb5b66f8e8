package org.mdmaat.recruitment.odm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.mdmaat.recruitment.Api.as;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.OdmStructure;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.recruitment.Api;
import org.mdmaat.recruitment.SelfServedPort;

/** recruitment-service's part of the ODM study export: study, sites, disposition by code. */
@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "recruitment"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedPort.class)
class OdmResourceTest {

  private static String randomized(String trial) {
    var body = new HashMap<String, Object>();
    body.put("trialId", trial);
    body.put("siteCode", "US-SF-01");
    body.put("fullName", "Robin Hiddenname");
    body.put("email", "robin@example.org");
    body.put("weightKg", 64.0);
    body.put("dissociativeSubtype", false);
    body.put("veteran", false);
    body.put("combatExposure", false);
    body.put("traumaticBrainInjury", false);
    body.put("sex", "FEMALE");
    body.put("childbearingPotential", false);
    String code =
        as("coordinator.sf")
            .body(body)
            .when()
            .post("/api/recruitment/participants")
            .then()
            .statusCode(201)
            .extract()
            .path("code");
    Api.eligible(code, trial);
    as("coordinator.sf")
        .post("/api/recruitment/participants/{c}/enrollment", code)
        .then()
        .statusCode(200);
    as("coordinator.sf")
        .post("/api/recruitment/participants/{c}/randomization", code)
        .then()
        .statusCode(200);
    return code;
  }

  private static String part(String user, String trial, String part) {
    return as(user)
        .header("X-Access-Reason", "submission")
        .when()
        .get("/api/recruitment/trials/{t}/odm/" + part, trial)
        .then()
        .statusCode(200)
        .extract()
        .asString();
  }

  @Test
  void theSponsorGetsSitesAndDispositionByCodeWithoutNameOrArm() {
    var trial = Api.recruitingTrial();
    var code = randomized(trial);

    var metadata = part("sponsor.maps", trial, "metadata");
    var clinical = part("sponsor.maps", trial, "clinical");
    var file = OdmStructure.compose(metadata, clinical);

    assertThat(OdmStructure.problems(file)).isEmpty();
    assertThat(metadata)
        .contains("<Location OID=\"US-SF-01\"")
        .contains("<StudyEventDef OID=\"SE.ENROLMENT\"")
        .contains("<CodeList OID=\"CL.DS.STATUS\"");
    assertThat(clinical)
        .contains("<SubjectData SubjectKey=\"" + code + "\"")
        .contains("<ItemData ItemOID=\"DS.STATUS\" Value=\"RANDOMIZED\"")
        .contains("ItemOID=\"DS.RANDOMIZED_AT\"");
    assertThat(file)
        .doesNotContain("Hiddenname")
        .doesNotContain("robin@example.org")
        .doesNotContainPattern("(?i)\\barms?\\b")
        .doesNotContainIgnoringCase("placebo");

    assertThat(
            OdmStructure.problems(
                OdmStructure.compose(
                    part("regulator.fda", trial, "metadata"),
                    part("regulator.fda", trial, "clinical"))))
        .isEmpty();
  }

  @Test
  void siteStaffAreRefusedAndAnotherSponsorFindsNoTrial() {
    var trial = Api.recruitingTrial();
    for (var part : new String[] {"metadata", "clinical"}) {
      as("coordinator.sf")
          .when()
          .get("/api/recruitment/trials/{t}/odm/" + part, trial)
          .then()
          .statusCode(403);
      as("sponsor.northstar")
          .when()
          .get("/api/recruitment/trials/{t}/odm/" + part, trial)
          .then()
          .statusCode(404)
          .body("code", equalTo("REC-0404"));
    }
  }
}

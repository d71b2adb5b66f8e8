package org.mdmaat.recruitment.sdtm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.mdmaat.recruitment.Api.as;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
class SdtmResourceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

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

  private static JsonNode download(String user, String trial, String domain) throws Exception {
    return JSON.readTree(
        as(user)
            .header("X-Access-Reason", "submission")
            .when()
            .get("/api/recruitment/trials/{t}/sdtm/{d}", trial, domain)
            .then()
            .statusCode(200)
            .extract()
            .asString());
  }

  private static List<String> names(JsonNode file) {
    var names = new ArrayList<String>();
    file.get("columns").forEach(c -> names.add(c.get("name").asText()));
    return names;
  }

  @Test
  void demographicsCarryNoNameAndTheArmOnlyAfterUnblinding() throws Exception {
    var trial = Api.recruitingTrial();
    var code = randomized(trial);

    var blinded = download("sponsor.maps", trial, "dm");
    assertThat(blinded.get("datasetJSONVersion").asText()).isEqualTo("1.1");
    assertThat(blinded.get("name").asText()).isEqualTo("DM");
    assertThat(blinded.get("records").asInt()).isEqualTo(1);
    var names = names(blinded);
    assertThat(names)
        .containsExactly(
            "STUDYID",
            "DOMAIN",
            "USUBJID",
            "SUBJID",
            "RFICDTC",
            "SITEID",
            "SEX",
            "ARMCD",
            "ARM",
            "ACTARMCD",
            "ACTARM",
            "COUNTRY");
    var row = blinded.get("rows").get(0);
    assertThat(row.get(names.indexOf("USUBJID")).asText()).isEqualTo(trial + "-" + code);
    assertThat(row.get(names.indexOf("SUBJID")).asText()).isEqualTo(code);
    assertThat(row.get(names.indexOf("SITEID")).asText()).isEqualTo("US-SF-01");
    assertThat(row.get(names.indexOf("SEX")).asText()).isEqualTo("F");
    assertThat(row.get(names.indexOf("ARMCD")).isNull()).isTrue();
    assertThat(row.get(names.indexOf("ARM")).isNull()).isTrue();
    assertThat(row.get(names.indexOf("ACTARM")).isNull()).isTrue();
    assertThat(blinded.toString()).doesNotContain("Hiddenname").doesNotContain("robin@");

    // Before unblinding the regulator waits; another sponsor never sees the trial.
    as("regulator.fda")
        .when()
        .get("/api/recruitment/trials/{t}/sdtm/dm", trial)
        .then()
        .statusCode(409)
        .body("code", equalTo("REC-0409-TRIAL-BLINDED"));
    as("sponsor.northstar")
        .when()
        .get("/api/recruitment/trials/{t}/sdtm/dm", trial)
        .then()
        .statusCode(404)
        .body("code", equalTo("REC-0404"));
    as("coordinator.sf")
        .when()
        .get("/api/recruitment/trials/{t}/sdtm/dm", trial)
        .then()
        .statusCode(403);

    Api.unblind(trial);
    var open = download("regulator.fda", trial, "DM");
    var unblindedRow = open.get("rows").get(0);
    assertThat(unblindedRow.get(names.indexOf("ARMCD")).asText()).isIn("MDMA", "PBO");
    assertThat(unblindedRow.get(names.indexOf("ACTARMCD")).asText())
        .isEqualTo(unblindedRow.get(names.indexOf("ARMCD")).asText());
    assertThat(unblindedRow.get(names.indexOf("ARM")).asText())
        .isIn("MDMA-assisted therapy", "Placebo with therapy");
  }

  @Test
  void dispositionHasConsentAndRandomizationMilestones() throws Exception {
    var trial = Api.recruitingTrial();
    var code = randomized(trial);
    var ds = download("sponsor.maps", trial, "ds");
    assertThat(ds.get("name").asText()).isEqualTo("DS");
    assertThat(ds.get("records").asInt()).isEqualTo(2);
    var names = names(ds);
    var decods = new ArrayList<String>();
    for (var row : ds.get("rows")) {
      assertThat(row.get(names.indexOf("USUBJID")).asText()).isEqualTo(trial + "-" + code);
      assertThat(row.get(names.indexOf("DSCAT")).asText()).isEqualTo("PROTOCOL MILESTONE");
      decods.add(row.get(names.indexOf("DSDECOD")).asText());
    }
    assertThat(decods).containsExactly("INFORMED CONSENT OBTAINED", "RANDOMIZED");
    assertThat(ds.get("rows").get(1).get(names.indexOf("DSSEQ")).asInt()).isEqualTo(2);
    as("sponsor.maps")
        .when()
        .get("/api/recruitment/trials/{t}/sdtm/ex", trial)
        .then()
        .statusCode(404)
        .body("code", equalTo("REC-0404-SDTM-DOMAIN"));
  }
}

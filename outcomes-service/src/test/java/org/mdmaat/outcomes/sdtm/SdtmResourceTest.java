package org.mdmaat.outcomes.sdtm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.mdmaat.outcomes.OutcomesFixtures.as;
import static org.mdmaat.outcomes.OutcomesFixtures.assessment;
import static org.mdmaat.outcomes.OutcomesFixtures.newCode;
import static org.mdmaat.outcomes.OutcomesFixtures.newTrial;
import static org.mdmaat.outcomes.OutcomesFixtures.randomize;
import static org.mdmaat.outcomes.OutcomesFixtures.sds;
import static org.mdmaat.outcomes.OutcomesFixtures.unblind;

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
import org.mdmaat.outcomes.SelfServedPeersPort;

@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "outcomes"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedPeersPort.class)
class SdtmResourceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static void record(String code, String timepoint, int work, int social, int family) {
    as("coordinator.sf")
        .contentType("application/json")
        .body(assessment("SDS", timepoint, sds(work, social, family)))
        .when()
        .post("/api/outcomes/participants/{code}/assessments", code)
        .then()
        .statusCode(201);
  }

  private static JsonNode download(String user, String trial) throws Exception {
    return JSON.readTree(
        as(user)
            .header("X-Access-Reason", "submission")
            .when()
            .get("/api/outcomes/trials/{t}/sdtm/qs", trial)
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
  void theSponsorDownloadsItemsAndTotalsAsQs() throws Exception {
    var trial = newTrial();
    var code = newCode();
    randomize(code, trial);
    record(code, "BASELINE", 7, 5, 6);
    record(code, "PRIMARY_ENDPOINT", 2, 1, 0);

    var qs = download("sponsor.maps", trial);

    assertThat(qs.get("datasetJSONVersion").asText()).isEqualTo("1.1");
    assertThat(qs.get("name").asText()).isEqualTo("QS");
    assertThat(qs.get("itemGroupOID").asText()).isEqualTo("IG.QS");
    assertThat(qs.get("sourceSystem").get("name").asText()).isEqualTo("outcomes-service");
    assertThat(qs.get("records").asInt()).isEqualTo(8);
    var names = names(qs);
    assertThat(names)
        .containsExactly(
            "STUDYID",
            "DOMAIN",
            "USUBJID",
            "QSSEQ",
            "QSGRPID",
            "QSTESTCD",
            "QSTEST",
            "QSCAT",
            "QSORRES",
            "QSSTRESC",
            "QSSTRESN",
            "QSDRVFL",
            "VISITNUM",
            "VISIT",
            "QSDTC");
    var rows = qs.get("rows");
    assertThat(rows).hasSize(8);
    var baseline = new HashMap<String, JsonNode>();
    var seqs = new ArrayList<Integer>();
    for (var row : rows) {
      assertThat(row.get(names.indexOf("USUBJID")).asText()).isEqualTo(trial + "-" + code);
      assertThat(row.get(names.indexOf("DOMAIN")).asText()).isEqualTo("QS");
      assertThat(row.get(names.indexOf("QSCAT")).asText()).isEqualTo("Sheehan Disability Scale");
      seqs.add(row.get(names.indexOf("QSSEQ")).asInt());
      if (row.get(names.indexOf("VISIT")).asText().equals("BASELINE")) {
        baseline.put(row.get(names.indexOf("QSTESTCD")).asText(), row);
        assertThat(row.get(names.indexOf("QSDTC")).asText()).isEqualTo("2026-03-02T17:30:00Z");
      } else {
        assertThat(row.get(names.indexOf("VISIT")).asText()).isEqualTo("PRIMARY ENDPOINT");
      }
    }
    assertThat(seqs).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
    // SDSWORK fits eight characters; SDSSOCIAL and SDSFAMILY do not and take their positions.
    assertThat(baseline.keySet()).containsExactlyInAnyOrder("SDSWORK", "SDS02", "SDS03", "SDSTOT");
    assertThat(baseline.get("SDSWORK").get(names.indexOf("QSORRES")).asText()).isEqualTo("7");
    assertThat(baseline.get("SDSWORK").get(names.indexOf("QSDRVFL")).isNull()).isTrue();
    assertThat(baseline.get("SDSTOT").get(names.indexOf("QSSTRESN")).asDouble()).isEqualTo(18.0);
    assertThat(baseline.get("SDSTOT").get(names.indexOf("QSDRVFL")).asText()).isEqualTo("Y");
  }

  @Test
  void theRegulatorWaitsForUnblindingAndSiteStaffAreRefused() throws Exception {
    var trial = newTrial();
    var code = newCode();
    randomize(code, trial);
    record(code, "BASELINE", 1, 1, 1);
    as("regulator.fda")
        .when()
        .get("/api/outcomes/trials/{t}/sdtm/qs", trial)
        .then()
        .statusCode(409)
        .body("code", equalTo("OUT-0409-BLINDED"));
    as("investigator.sf")
        .when()
        .get("/api/outcomes/trials/{t}/sdtm/qs", trial)
        .then()
        .statusCode(403);
    as("sponsor.northstar")
        .when()
        .get("/api/outcomes/trials/{t}/sdtm/qs", trial)
        .then()
        .statusCode(404)
        .body("code", equalTo("OUT-0404"));
    as("sponsor.maps")
        .when()
        .get("/api/outcomes/trials/{t}/sdtm/vs", trial)
        .then()
        .statusCode(404)
        .body("code", equalTo("OUT-0404-DOMAIN"));

    unblind(trial);
    var qs = download("regulator.fda", trial);
    assertThat(qs.get("records").asInt()).isEqualTo(4);
  }
}

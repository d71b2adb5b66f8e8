package org.mdmaat.outcomes.export;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
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
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.outcomes.SelfServedPeersPort;

@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "outcomes"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedPeersPort.class)
class ExportResourceTest {

  @Test
  void exportsCurrentValuesAsCsv() throws Exception {
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

    String csv =
        as("regulator.fda")
            .when()
            .get("/api/outcomes/trials/{trial}/exports/assessments.csv", trial)
            .then()
            .statusCode(200)
            .contentType(org.hamcrest.Matchers.startsWith("text/csv"))
            .extract()
            .asString();
    var lines = csv.split("\r\n");
    assertThat(lines[0]).isEqualTo(AssessmentExport.CSV_HEADER);
    assertThat(lines).hasSize(4);
    assertThat(lines[3]).startsWith(id + "," + code).endsWith(",18,,WORK,7,ANCHOR_MISSING,");
  }

  /** The access log entry just before the regulator's read of the log's last page. */
  private static io.restassured.path.json.JsonPath entryBeforeThisRead() {
    long total =
        as("regulator.fda")
            .queryParam("size", 1)
            .when()
            .get("/api/outcomes/audit/access-log")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getLong("total");
    var page =
        as("regulator.fda")
            .queryParam("page", total - 2)
            .queryParam("size", 1)
            .when()
            .get("/api/outcomes/audit/access-log")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    return new io.restassured.path.json.JsonPath(page.prettify()).setRootPath("items[0]");
  }

  @Test
  void anExportIsWrittenToTheAccessLogAndARefusedOneIsNot() {
    var trial = newTrial();
    as("investigator.sf")
        .header("X-Access-Reason", "monitoring visit")
        .queryParam("instrument", "SDS")
        .when()
        .get("/api/outcomes/trials/{trial}/exports/assessments.csv", trial)
        .then()
        .statusCode(200);
    var entry = entryBeforeThisRead();
    assertThat(entry.getString("actor")).isEqualTo("investigator.sf");
    assertThat(entry.getString("actorRoles")).contains("investigator");
    assertThat(entry.getString("resourceKind")).isEqualTo("assessment-export");
    assertThat(entry.getString("resource"))
        .isEqualTo("trialId=" + trial + "&format=csv&instrument=SDS");
    assertThat(entry.getString("reason")).isEqualTo("monitoring visit");

    as("rater.sf")
        .when()
        .get("/api/outcomes/trials/{trial}/exports/assessments.csv", trial)
        .then()
        .statusCode(403);
    assertThat(entryBeforeThisRead().getString("resourceKind")).isEqualTo("access-log");
  }

  @Test
  void siteStaffExportOnlyTheirSitesAndOthersAreRefused() {
    var trial = newTrial();
    var code = newCode();
    randomize(code, trial);
    as("coordinator.sf")
        .contentType("application/json")
        .body(assessment("SDS", "BASELINE", sds(4, 5, 6)))
        .when()
        .post("/api/outcomes/participants/{code}/assessments", code)
        .then()
        .statusCode(201);
    String bos =
        as("investigator.bos")
            .when()
            .get("/api/outcomes/trials/{trial}/exports/assessments.csv", trial)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(bos.split("\r\n")).containsExactly(AssessmentExport.CSV_HEADER);
    String sf =
        as("investigator.sf")
            .when()
            .get("/api/outcomes/trials/{trial}/exports/assessments.csv", trial)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    assertThat(sf.split("\r\n")).hasSize(4);
    as("rater.sf")
        .when()
        .get("/api/outcomes/trials/{trial}/exports/assessments.csv", trial)
        .then()
        .statusCode(403);
    given()
        .when()
        .get("/api/outcomes/trials/{trial}/exports/assessments.csv", trial)
        .then()
        .statusCode(401);
  }
}

package org.mdmaat.safety.sdtm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.mdmaat.safety.testing.Api.SF;
import static org.mdmaat.safety.testing.Api.as;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.safety.hold.SelfServedPort;
import org.mdmaat.safety.testing.Api;
import org.mdmaat.safety.testing.ScriptedParticipantDirectory;

@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "safety"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedPort.class)
class SdtmResourceTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @AfterEach
  void directoryAnswersAgain() {
    ScriptedParticipantDirectory.reset();
  }

  private static void vitals(String participant, String session, Map<String, Object> values) {
    var reading = new HashMap<String, Object>(values);
    reading.put("measuredAt", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(5).toString());
    reading.put("sourceKind", "DEVICE");
    reading.put("sourceId", "monitor-7");
    as("therapist.sf1")
        .body(Map.of("sessionId", session, "participantCode", participant, "reading", reading))
        .when()
        .post("/api/safety/vitals")
        .then()
        .statusCode(201);
  }

  private static void report(
      String participant, String session, List<String> categories, List<String> serious) {
    var e = new HashMap<String, Object>();
    e.put("term", "euphoria");
    e.put("categories", categories);
    e.put("onset", OffsetDateTime.now(ZoneOffset.UTC).minusDays(1).toString());
    e.put("awareness", OffsetDateTime.now(ZoneOffset.UTC).minusHours(1).toString());
    e.put("grade", serious.isEmpty() ? 1 : 3);
    e.put("seriousness", serious);
    e.put("relatedness", "PROBABLE");
    e.put("expected", true);
    e.put("outcome", "RECOVERED");
    as("investigator.sf")
        .body(Map.of("participantCode", participant, "sessionId", session, "event", e))
        .when()
        .post("/api/safety/adverse-events")
        .then()
        .statusCode(201);
  }

  private static JsonNode download(String user, String trial, String domain) throws Exception {
    var body =
        as(user)
            .header("X-Access-Reason", "submission")
            .when()
            .get("/api/safety/trials/{t}/sdtm/{d}", trial, domain)
            .then()
            .statusCode(200)
            .extract()
            .asString();
    return JSON.readTree(body);
  }

  private static List<String> names(JsonNode columns) {
    var names = new ArrayList<String>();
    columns.forEach(c -> names.add(c.get("name").asText()));
    return names;
  }

  /** The value of {@code column} in {@code row}. */
  private static JsonNode cell(JsonNode file, JsonNode row, String column) {
    return row.get(names(file.get("columns")).indexOf(column));
  }

  @Test
  void theSponsorDownloadsVitalSignsWithTestCodesUnitsAndSequence() throws Exception {
    var trial = Api.code("T");
    var first = ScriptedParticipantDirectory.enrol(Api.code("P"), trial, SF);
    var second = ScriptedParticipantDirectory.enrol(Api.code("P"), trial, SF);
    vitals(
        first,
        "S-A",
        Map.of(
            "systolic", 128, "diastolic", 84, "heartRate", 76, "temperatureC", 37.2, "spo2", 98));
    vitals(first, "S-A", Map.of("systolic", 131, "diastolic", 86));
    vitals(second, "S-B", Map.of("heartRate", 90));

    var vs = download("sponsor.maps", trial, "vs");

    assertThat(vs.get("datasetJSONVersion").asText()).isEqualTo("1.1");
    assertThat(vs.get("name").asText()).isEqualTo("VS");
    assertThat(vs.get("label").asText()).isEqualTo("Vital Signs");
    assertThat(vs.get("itemGroupOID").asText()).isEqualTo("IG.VS");
    assertThat(vs.get("studyOID").asText()).isEqualTo(trial);
    assertThat(vs.get("sourceSystem").get("name").asText()).isEqualTo("safety-service");
    assertThat(vs.get("records").asInt()).isEqualTo(8);
    assertThat(names(vs.get("columns")))
        .containsExactly(
            "STUDYID",
            "DOMAIN",
            "USUBJID",
            "VSSEQ",
            "VSGRPID",
            "VSSPID",
            "VSTESTCD",
            "VSTEST",
            "VSORRES",
            "VSORRESU",
            "VSSTRESC",
            "VSSTRESN",
            "VSSTRESU",
            "VSEVAL",
            "VSDTC");
    var columns = vs.get("columns");
    assertThat(columns.get(0).get("keySequence").asInt()).isEqualTo(1);
    assertThat(columns.get(2).get("keySequence").asInt()).isEqualTo(2);
    assertThat(columns.get(6).get("keySequence").asInt()).isEqualTo(3);
    assertThat(columns.get(3).get("dataType").asText()).isEqualTo("integer");
    assertThat(columns.get(11).get("dataType").asText()).isEqualTo("double");
    assertThat(columns.get(3).get("itemOID").asText()).isEqualTo("IT.VS.VSSEQ");

    var rows = vs.get("rows");
    assertThat(rows).hasSize(8);
    var byTest = new HashMap<String, JsonNode>();
    var firstSubject = new ArrayList<JsonNode>();
    for (var row : rows) {
      assertThat(cell(vs, row, "STUDYID").asText()).isEqualTo(trial);
      assertThat(cell(vs, row, "DOMAIN").asText()).isEqualTo("VS");
      if (cell(vs, row, "USUBJID").asText().equals(trial + "-" + first)) {
        firstSubject.add(row);
        byTest.putIfAbsent(cell(vs, row, "VSTESTCD").asText(), row);
        assertThat(cell(vs, row, "VSGRPID").asText()).isEqualTo("S-A");
      } else {
        assertThat(cell(vs, row, "USUBJID").asText()).isEqualTo(trial + "-" + second);
        assertThat(cell(vs, row, "VSTESTCD").asText()).isEqualTo("PULSE");
        assertThat(cell(vs, row, "VSSEQ").asInt()).isEqualTo(1);
      }
    }
    assertThat(firstSubject).hasSize(7);
    assertThat(firstSubject.stream().map(r -> cell(vs, r, "VSSEQ").asInt()))
        .containsExactly(1, 2, 3, 4, 5, 6, 7);
    assertThat(byTest.keySet())
        .containsExactlyInAnyOrder("SYSBP", "DIABP", "PULSE", "TEMP", "OXYSAT");
    assertThat(cell(vs, byTest.get("SYSBP"), "VSTEST").asText())
        .isEqualTo("Systolic Blood Pressure");
    assertThat(cell(vs, byTest.get("SYSBP"), "VSORRES").asText()).isEqualTo("128");
    assertThat(cell(vs, byTest.get("SYSBP"), "VSSTRESN").asDouble()).isEqualTo(128.0);
    assertThat(cell(vs, byTest.get("SYSBP"), "VSSTRESU").asText()).isEqualTo("mmHg");
    assertThat(cell(vs, byTest.get("DIABP"), "VSORRESU").asText()).isEqualTo("mmHg");
    assertThat(cell(vs, byTest.get("PULSE"), "VSSTRESU").asText()).isEqualTo("beats/min");
    assertThat(cell(vs, byTest.get("TEMP"), "VSORRES").asText()).isEqualTo("37.2");
    assertThat(cell(vs, byTest.get("TEMP"), "VSSTRESU").asText()).isEqualTo("C");
    assertThat(cell(vs, byTest.get("OXYSAT"), "VSSTRESU").asText()).isEqualTo("%");
    assertThat(cell(vs, byTest.get("OXYSAT"), "VSDTC").asText())
        .matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    // A device's reading has no evaluator.
    assertThat(cell(vs, byTest.get("OXYSAT"), "VSEVAL").isNull()).isTrue();
  }

  @Test
  void theSponsorDownloadsAdverseEventsWithSeriousnessAndTheAbuseRelatedCategory()
      throws Exception {
    var trial = Api.code("T");
    var participant = ScriptedParticipantDirectory.enrol(Api.code("P"), trial, SF);
    report(participant, "S-A", List.of("PSYCHIATRIC", "POSITIVE_ABUSE_RELATED"), List.of());
    report(participant, "S-A", List.of("CARDIOVASCULAR"), List.of("HOSPITALIZATION"));

    var ae = download("sponsor.maps", trial, "AE");

    assertThat(ae.get("name").asText()).isEqualTo("AE");
    assertThat(ae.get("records").asInt()).isEqualTo(2);
    assertThat(names(ae.get("columns")))
        .startsWith("STUDYID", "DOMAIN", "USUBJID", "AESEQ")
        .contains("AETERM", "AEDECOD", "AECAT", "AESER", "AEREL", "AEOUT", "AESHOSP", "AESTDTC");
    var rows = ae.get("rows");
    JsonNode positive = null;
    JsonNode serious = null;
    for (var row : rows) {
      assertThat(cell(ae, row, "USUBJID").asText()).isEqualTo(trial + "-" + participant);
      if (cell(ae, row, "AESER").asText().equals("Y")) {
        serious = row;
      } else {
        positive = row;
      }
    }
    assertThat(positive).isNotNull();
    assertThat(serious).isNotNull();
    assertThat(cell(ae, positive, "AECAT").asText()).isEqualTo("POSITIVE/ABUSE-RELATED");
    assertThat(cell(ae, positive, "AESCAT").asText()).isEqualTo("PSYCHIATRIC");
    assertThat(cell(ae, positive, "AESHOSP").asText()).isEqualTo("N");
    assertThat(cell(ae, positive, "AETERM").asText()).isEqualTo("euphoria");
    assertThat(cell(ae, positive, "AEREL").asText()).isEqualTo("PROBABLY RELATED");
    assertThat(cell(ae, positive, "AEOUT").asText()).isEqualTo("RECOVERED/RESOLVED");
    assertThat(cell(ae, positive, "AEGRPID").asText()).isEqualTo("S-A");
    assertThat(cell(ae, serious, "AECAT").asText()).isEqualTo("CARDIOVASCULAR");
    assertThat(cell(ae, serious, "AESHOSP").asText()).isEqualTo("Y");
    assertThat(cell(ae, serious, "AESDTH").asText()).isEqualTo("N");
    assertThat(cell(ae, serious, "AETOXGR").asText()).isEqualTo("3");
    assertThat(List.of(cell(ae, positive, "AESEQ").asInt(), cell(ae, serious, "AESEQ").asInt()))
        .containsExactlyInAnyOrder(1, 2);
  }

  @Test
  void anotherSponsorsTrialIsNotFoundAndSiteStaffAreRefused() {
    var trial = Api.code("T");
    var participant = ScriptedParticipantDirectory.enrol(Api.code("P"), trial, SF);
    vitals(participant, "S-A", Map.of("systolic", 120));
    as("sponsor.northstar")
        .when()
        .get("/api/safety/trials/{t}/sdtm/vs", trial)
        .then()
        .statusCode(404)
        .body("code", equalTo("SAF-0404-TRIAL"));
    as("investigator.sf")
        .when()
        .get("/api/safety/trials/{t}/sdtm/vs", trial)
        .then()
        .statusCode(403);
    as("sponsor.maps")
        .when()
        .get("/api/safety/trials/{t}/sdtm/dm", trial)
        .then()
        .statusCode(404)
        .body("code", equalTo("SAF-0404-SDTM-DOMAIN"));
  }

  @Test
  void theRegulatorDownloadsOnlyAfterUnblinding() throws Exception {
    var trial = Api.code("T");
    var participant = ScriptedParticipantDirectory.enrol(Api.code("P"), trial, SF);
    vitals(participant, "S-A", Map.of("systolic", 120));
    as("regulator.fda")
        .when()
        .get("/api/safety/trials/{t}/sdtm/vs", trial)
        .then()
        .statusCode(409)
        .body("code", equalTo("SAF-0409-TRIAL-BLINDED"));

    ScriptedParticipantDirectory.UNBLINDED.add(trial);
    var vs = download("regulator.fda", trial, "vs");
    assertThat(vs.get("records").asInt()).isEqualTo(1);
    assertThat(vs.get("rows").get(0).get(6).asText()).isEqualTo("SYSBP");
  }

  @Test
  void aDownloadIsWrittenToTheAccessLogAndARefusedOneIsNot() throws Exception {
    var trial = Api.code("T");
    var participant = ScriptedParticipantDirectory.enrol(Api.code("P"), trial, SF);
    vitals(participant, "S-A", Map.of("systolic", 120));
    as("sponsor.northstar")
        .when()
        .get("/api/safety/trials/{t}/sdtm/vs", trial)
        .then()
        .statusCode(404);
    download("sponsor.maps", trial, "vs");
    var entry = lastAccessBeforeThisRead();
    assertThat(entry.getString("resourceKind")).isEqualTo("sdtm-export");
    assertThat(entry.getString("resource")).isEqualTo("trialId=" + trial + "&domain=vs");
    assertThat(entry.getString("reason")).isEqualTo("submission");
    assertThat(entry.getString("actorRoles")).contains("sponsor");
  }

  /** The access log entry just before the regulator's read of the log's last page. */
  private static io.restassured.path.json.JsonPath lastAccessBeforeThisRead() {
    long total =
        as("regulator.fda")
            .queryParam("size", 1)
            .when()
            .get("/api/safety/audit/access-log")
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
            .get("/api/safety/audit/access-log")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    return new io.restassured.path.json.JsonPath(page.prettify()).setRootPath("items[0]");
  }
}

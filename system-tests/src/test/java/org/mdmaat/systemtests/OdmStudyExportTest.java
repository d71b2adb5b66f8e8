package org.mdmaat.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mdmaat.devstack.OdmStructure;
import org.mdmaat.devstack.Platform;

/**
 * The trial's ODM 1.3.2 study export through the gateway ({@code /api/trials/{id}/study.odm.xml}):
 * one small trial with a participant enrolled (recruitment), dosed (session), with pre-dose vitals
 * and an adverse event (safety) and a CAPS-5 (outcomes), downloaded as one file and checked with
 * {@link OdmStructure} for what the ODM schema prescribes: order, required attributes, every OID
 * reference resolved; the subject by code only, AuditRecords, doses without arm. The same trial's
 * SDTM domains (Dataset-JSON), each from the service owning it, are parsed back and checked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OdmStudyExportTest {
  private final Platform platform = RunningPlatform.get();
  private String trialId;
  private String code;
  private String name;

  private RequestSpecification as(String user) {
    return Scenario.as(platform, user);
  }

  /** One small trial, blinded, with data in every service: both exports read it. */
  @BeforeAll
  void smallTrialThroughTheApi() {
    trialId = Scenario.recruitingTrial(as("sponsor.maps"), as("sponsor.maps"));
    name = Scenario.unique("Odm Export").replace('-', ' ');
    code =
        Scenario.enrolled(
            new Scenario.Users() {
              @Override
              public RequestSpecification coordinator() {
                return as("coordinator.sf");
              }

              @Override
              public RequestSpecification investigator() {
                return as("investigator.sf");
              }
            },
            trialId,
            Scenario.SF,
            name,
            null);
    Scenario.randomize(as("coordinator.sf"), code);
    Scenario.receiveKits(as("pharmacist.sf"), () -> as("pharmacist.sf"), trialId, List.of(code));
    var schedule = Scenario.awaitSchedule(() -> as("coordinator.sf"), code);
    var session = Scenario.experimentalSession(schedule, 1);
    Scenario.bookDosing(
        () -> as("coordinator.sf"),
        schedule,
        session,
        Scenario.unique("ODM room"),
        List.of("therapist.sf1", "therapist.sf2"));
    as("therapist.sf1")
        .when()
        .post("/api/sessions/visits/" + session + "/check-in")
        .then()
        .statusCode(200);
    as("therapist.sf1")
        .contentType("application/json")
        .body(Scenario.passingPreDoseChecks())
        .when()
        .post("/api/sessions/visits/" + session + "/pre-dose-checks")
        .then()
        .statusCode(200);
    as("therapist.sf1")
        .contentType("application/json")
        .body(Scenario.dose(80, false, Instant.now()))
        .when()
        .post("/api/sessions/visits/" + session + "/doses")
        .then()
        .statusCode(201);
    var now = OffsetDateTime.now(ZoneOffset.UTC);
    var event = new HashMap<String, Object>();
    event.put("term", "headache");
    event.put("categories", List.of("NEUROLOGICAL"));
    event.put("onset", now.minusHours(2).toString());
    event.put("awareness", now.minusHours(1).toString());
    event.put("grade", 1);
    event.put("seriousness", List.of());
    event.put("relatedness", "POSSIBLE");
    event.put("expected", true);
    event.put("outcome", "RECOVERED");
    as("investigator.sf")
        .contentType("application/json")
        .body(Map.of("participantCode", code, "sessionId", session, "event", event))
        .when()
        .post("/api/safety/adverse-events")
        .then()
        .statusCode(201);
    as("rater.sf")
        .contentType("application/json")
        .body(
            Map.of(
                "instrument",
                "CAPS5",
                "timepoint",
                "BASELINE",
                "administeredAt",
                Instant.now().toString(),
                "responses",
                FullTrialTest.caps5(42, true)))
        .when()
        .post("/api/outcomes/participants/" + code + "/assessments")
        .then()
        .statusCode(201);
  }

  @Test
  void theSponsorDownloadsOneFileOfEveryServicesDataWithoutNamesOrArms() {

    var file =
        as("sponsor.maps")
            .header("X-Access-Reason", "ODM submission dry run")
            .when()
            .get("/api/trials/" + trialId + "/study.odm.xml")
            .then()
            .statusCode(200)
            .contentType(startsWith("application/xml"))
            .extract()
            .asString();

    assertThat(OdmStructure.problems(file)).isEmpty();
    assertThat(file.split("<ClinicalData ", -1)).hasSize(5);
    // One subject, by code, in each service's ClinicalData; never the name.
    assertThat(file.split("<SubjectData SubjectKey=\"" + code + "\"", -1)).hasSize(5);
    assertThat(file).doesNotContain(name).doesNotContain(name.split(" ")[0] + " ");
    // The gateway's merge writes attributes in its own order: match elements, not whole tags.
    assertThat(file)
        .containsPattern("<Location [^>]*OID=\"US-SF-01\"")
        .containsPattern("<MeasurementUnit [^>]*OID=\"MU.MMHG\"")
        .containsPattern("<MeasurementUnit [^>]*OID=\"MU.MG\"")
        .containsPattern("<FormDef [^>]*OID=\"F.CAPS5\"")
        .containsPattern("<FormDef [^>]*OID=\"F.PCL5\"");
    assertThat(file)
        .contains("ItemOID=\"DOSE.KIT\"")
        .contains("ItemOID=\"DOSE.MG_HCL\" Value=\"80")
        .contains("<ItemData ItemOID=\"AE.TERM\" Value=\"headache\"")
        .contains("<ItemData ItemOID=\"AE.CATEGORIES\" Value=\"NEUROLOGICAL\"")
        .contains("ItemOID=\"I.CAPS5.TOTAL\"")
        .contains("ItemOID=\"DS.STATUS\"")
        .contains("<UserRef UserOID=\"therapist.sf1\"")
        .contains("<UserRef UserOID=\"rater.sf\"")
        .contains("<AuditRecord>");
    // Blinded: no arm anywhere (the kit code is no arm; its content is the pharmacist's).
    assertThat(file).doesNotContainPattern("(?i)\\barms?\\b").doesNotContainIgnoringCase("placebo");

    // Each service wrote the download to its access log, with the reason.
    for (var database : List.of("recruitment", "session", "safety", "outcomes")) {
      assertThat(
              Scenario.count(
                  platform,
                  database,
                  "select count(*) from access_log_entry where resource_kind = 'odm-export'"
                      + " and resource like ? and reason = 'ODM submission dry run'",
                  "trialId=" + trialId + "&part=%"))
          .as(database)
          .isEqualTo(2);
    }

    as("regulator.fda")
        .when()
        .get("/api/trials/" + trialId + "/study.odm.xml")
        .then()
        .statusCode(200);
    as("sponsor.northstar")
        .when()
        .get("/api/trials/" + trialId + "/study.odm.xml")
        .then()
        .statusCode(404);
    as("investigator.sf")
        .when()
        .get("/api/trials/" + trialId + "/study.odm.xml")
        .then()
        .statusCode(403);
  }

  /**
   * The six SDTM domains as Dataset-JSON v1.1 through the gateway, each from the service owning it,
   * parsed back: the declared record count is the rows', the subject is USUBJID from the code, and
   * nothing names the arm while the trial is blinded (the regulator waits for unblinding).
   */
  @Test
  void theSponsorDownloadsTheSixSdtmDomainsAsDatasetJsonWithoutArms() throws Exception {
    var owners =
        Map.of(
            "dm", "recruitment",
            "ds", "recruitment",
            "ex", "sessions",
            "ae", "safety",
            "vs", "safety",
            "qs", "outcomes");
    var json = new ObjectMapper();
    for (var domain : List.of("dm", "ds", "ex", "ae", "vs", "qs")) {
      var path = "/api/" + owners.get(domain) + "/trials/" + trialId + "/sdtm/" + domain;
      var body =
          as("sponsor.maps")
              .header("X-Access-Reason", "SDTM submission dry run")
              .when()
              .get(path)
              .then()
              .statusCode(200)
              .extract()
              .asString();
      var file = json.readTree(body);
      assertThat(file.get("datasetJSONVersion").asText()).as(domain).startsWith("1.1");
      assertThat(file.get("name").asText()).as(domain).isEqualTo(domain.toUpperCase());
      assertThat(file.get("records").asInt()).as(domain).isEqualTo(file.get("rows").size());
      var names = new java.util.ArrayList<String>();
      file.get("columns").forEach(c -> names.add(c.get("name").asText()));
      assertThat(names).as(domain).startsWith("STUDYID", "DOMAIN", "USUBJID");
      var subjects = new java.util.HashSet<String>();
      file.get("rows").forEach(r -> subjects.add(r.get(names.indexOf("USUBJID")).asText()));
      assertThat(body).as(domain).doesNotContain(name.split(" ")[0] + " ");
      if (!domain.equals("vs")) {
        // Every domain but VS has this participant's data (the pre-dose checks take no vitals).
        assertThat(file.get("records").asInt()).as(domain).isPositive();
        assertThat(subjects).as(domain).allMatch(u -> u.endsWith(code));
      }
      switch (domain) {
        case "dm" -> {
          var row = file.get("rows").get(0);
          assertThat(row.get(names.indexOf("ARM")).isNull()).as("ARM while blinded").isTrue();
          assertThat(row.get(names.indexOf("ARMCD")).isNull()).isTrue();
        }
        case "ex" -> {
          var row = file.get("rows").get(0);
          assertThat(row.get(names.indexOf("EXTRT")).asText()).isEqualTo("MASKED");
          assertThat(row.get(names.indexOf("EXDOSE")).asDouble()).isEqualTo(80.0);
          assertThat(row.get(names.indexOf("EXDOSU")).asText()).isEqualTo("mg");
        }
        case "ae" -> {
          var row = file.get("rows").get(0);
          assertThat(row.get(names.indexOf("AETERM")).asText()).isEqualTo("headache");
        }
        default -> {}
      }
      assertThat(body).as(domain).doesNotContainIgnoringCase("placebo");
    }

    // Not the regulator before unblinding, not another sponsor, not a site.
    as("regulator.fda")
        .when()
        .get("/api/sessions/trials/" + trialId + "/sdtm/ex")
        .then()
        .statusCode(409);
    as("sponsor.northstar")
        .when()
        .get("/api/recruitment/trials/" + trialId + "/sdtm/dm")
        .then()
        .statusCode(404);
    as("investigator.sf")
        .when()
        .get("/api/safety/trials/" + trialId + "/sdtm/ae")
        .then()
        .statusCode(403);
  }
}

package org.mdmaat.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.OdmStructure;
import org.mdmaat.devstack.Platform;

/**
 * The trial's ODM 1.3.2 study export through the gateway ({@code /api/trials/{id}/study.odm.xml}):
 * one small trial with a participant enrolled (recruitment), dosed (session), with pre-dose vitals
 * and an adverse event (safety) and a CAPS-5 (outcomes), downloaded as one file and checked with
 * {@link OdmStructure} for what the ODM schema prescribes: order, required attributes, every OID
 * reference resolved; the subject by code only, AuditRecords, doses without arm.
 */
class OdmStudyExportTest {
  private final Platform platform = RunningPlatform.get();

  private RequestSpecification as(String user) {
    return Scenario.as(platform, user);
  }

  @Test
  void theSponsorDownloadsOneFileOfEveryServicesDataWithoutNamesOrArms() {
    var trialId = Scenario.recruitingTrial(as("sponsor.maps"), as("sponsor.maps"));
    var name = Scenario.unique("Odm Export").replace('-', ' ');
    var code =
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
    event.put("categories", List.of());
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
    assertThat(file)
        .contains("<Location OID=\"US-SF-01\"")
        .contains("<MeasurementUnit OID=\"MU.MMHG\"")
        .contains("<MeasurementUnit OID=\"MU.MG\"")
        .contains("<FormDef OID=\"F.CAPS5\"")
        .contains("<FormDef OID=\"F.PCL5\"")
        .contains("ItemOID=\"DOSE.KIT\"")
        .contains("ItemOID=\"DOSE.MG_HCL\" Value=\"80")
        .contains("<ItemData ItemOID=\"AE.TERM\" Value=\"headache\"")
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
}

package org.mdmaat.session.sdtm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.mdmaat.session.SessionFixtures.as;
import static org.mdmaat.session.SessionFixtures.newParticipant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.devstack.PostgresServer;
import org.mdmaat.session.ScriptedParticipantDirectory;
import org.mdmaat.session.SessionFixtures;
import org.mdmaat.session.dosing.ScriptedSafetyGate;
import org.mdmaat.session.dosing.SelfServedGatePort;

/**
 * EX (issue 21): one record per dose given, through the real dose API; the treatment masked until
 * the trial is unblinded, for the sponsor too; the regulator only after unblinding; every refusal;
 * each download in the access log, and none without it.
 */
@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "session"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedGatePort.class)
class SdtmResourceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EX = "/api/sessions/trials/{t}/sdtm/{d}";

  @Inject ObjectMapper json;

  @AfterEach
  void answersAsUsual() {
    ScriptedSafetyGate.reset();
    ScriptedParticipantDirectory.unavailable = false;
  }

  /** A blinded trial of sponsor "maps" as recruitment-service tells it. */
  private static String trial(boolean blinded) {
    var trial = SessionFixtures.unique("EX");
    ScriptedParticipantDirectory.PROTOCOLS.put(
        trial, ScriptedParticipantDirectory.mapp(trial).setBlinded(blinded).build());
    return trial;
  }

  private static void unblind(String trial) {
    ScriptedParticipantDirectory.PROTOCOLS.put(
        trial, ScriptedParticipantDirectory.mapp(trial).setBlinded(false).build());
  }

  /** Gives a dose through the API and returns when it was given, as the API answered. */
  private static Instant dose(String session, int mg, boolean supplemental) {
    String at =
        as("therapist.sf1")
            .contentType(ContentType.JSON)
            .body(Map.of("mgHcl", mg, "supplemental", supplemental))
            .post("/api/sessions/visits/{id}/doses", session)
            .then()
            .statusCode(201)
            .extract()
            .path("administeredAt");
    return Instant.parse(at);
  }

  private static JsonNode download(String user, String trial) throws Exception {
    return JSON.readTree(
        as(user)
            .header("X-Access-Reason", "submission")
            .when()
            .get(EX, trial, "EX")
            .then()
            .statusCode(200)
            .header("Content-Disposition", "attachment; filename=\"ex.json\"")
            .extract()
            .asString());
  }

  private static List<String> names(JsonNode file) {
    var names = new ArrayList<String>();
    file.get("columns").forEach(c -> names.add(c.get("name").asText()));
    return names;
  }

  private static JsonNode cell(JsonNode file, int row, String column) {
    return file.get("rows").get(row).get(names(file).indexOf(column));
  }

  /** The row of {@code code}'s {@code seq}-th dose. */
  private static int rowOf(JsonNode file, String trial, String code, int seq) {
    var rows = file.get("rows");
    for (int i = 0; i < rows.size(); i++) {
      if (cell(file, i, "USUBJID").asText().equals(trial + "-" + code)
          && cell(file, i, "EXSEQ").asInt() == seq) {
        return i;
      }
    }
    throw new AssertionError("no EX row " + seq + " of " + code);
  }

  private static String dtc(Instant at) {
    return at.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static long accessLogSize() throws Exception {
    return SessionFixtures.count("select count(*) from access_log_entry");
  }

  @Test
  void everyDoseIsARecordAndTheTreatmentIsMaskedUntilUnblinding() throws Exception {
    var trial = trial(true);
    var mdma = newParticipant();
    var session = SessionFixtures.readyToDoseFrom(json, trial, mdma, "MDMA");
    var initialAt = dose(session, 80, false);
    SessionFixtures.timePasses(session, Duration.ofMinutes(100));
    initialAt = initialAt.minus(Duration.ofMinutes(100));
    var supplementalAt = dose(session, 40, true);
    var placebo = newParticipant();
    var placeboSession = SessionFixtures.readyToDoseFrom(json, trial, placebo, "PLACEBO");
    var placeboAt = dose(placeboSession, 80, false);

    var blinded = download("sponsor.maps", trial);
    assertThat(blinded.get("datasetJSONVersion").asText()).isEqualTo("1.1");
    assertThat(blinded.get("name").asText()).isEqualTo("EX");
    assertThat(blinded.get("label").asText()).isEqualTo("Exposure");
    assertThat(blinded.get("studyOID").asText()).isEqualTo(trial);
    assertThat(blinded.get("sourceSystem").get("name").asText()).isEqualTo("session-service");
    assertThat(names(blinded))
        .containsExactly(
            "STUDYID",
            "DOMAIN",
            "USUBJID",
            "EXSEQ",
            "EXGRPID",
            "EXREFID",
            "EXSPID",
            "EXTRT",
            "EXCAT",
            "EXDOSE",
            "EXDOSU",
            "EXDOSFRM",
            "EXDOSFRQ",
            "EXROUTE",
            "VISITNUM",
            "VISIT",
            "EPOCH",
            "EXSTDTC",
            "EXENDTC");
    assertThat(blinded.get("records").asInt()).isEqualTo(3);
    assertThat(blinded.get("rows")).hasSize(3);

    int initial = rowOf(blinded, trial, mdma, 1);
    int supplemental = rowOf(blinded, trial, mdma, 2);
    int placeboRow = rowOf(blinded, trial, placebo, 1);
    assertThat(cell(blinded, initial, "STUDYID").asText()).isEqualTo(trial);
    assertThat(cell(blinded, initial, "DOMAIN").asText()).isEqualTo("EX");
    assertThat(cell(blinded, initial, "EXGRPID").asText()).isEqualTo(session);
    assertThat(cell(blinded, supplemental, "EXGRPID").asText()).isEqualTo(session);
    assertThat(cell(blinded, initial, "EXREFID").asText()).isEqualTo("KIT-" + mdma);
    assertThat(cell(blinded, placeboRow, "EXREFID").asText()).isEqualTo("KIT-" + placebo);
    assertThat(cell(blinded, initial, "EXCAT").asText()).isEqualTo("INITIAL DOSE");
    assertThat(cell(blinded, supplemental, "EXCAT").asText()).isEqualTo("SUPPLEMENTAL DOSE");
    assertThat(cell(blinded, initial, "EXDOSE").asDouble()).isEqualTo(80.0);
    assertThat(cell(blinded, supplemental, "EXDOSE").asDouble()).isEqualTo(40.0);
    assertThat(cell(blinded, placeboRow, "EXDOSE").asDouble()).isEqualTo(80.0);
    for (int row = 0; row < 3; row++) {
      // Both arms look alike while the trial is blinded, the sponsor's copy too.
      assertThat(cell(blinded, row, "EXTRT").asText()).isEqualTo("MASKED");
      assertThat(cell(blinded, row, "EXDOSU").asText()).isEqualTo("mg");
      assertThat(cell(blinded, row, "EXDOSFRM").asText()).isEqualTo("CAPSULE");
      assertThat(cell(blinded, row, "EXDOSFRQ").asText()).isEqualTo("ONCE");
      assertThat(cell(blinded, row, "EXROUTE").asText()).isEqualTo("ORAL");
      assertThat(cell(blinded, row, "VISITNUM").asInt()).isEqualTo(101);
      assertThat(cell(blinded, row, "VISIT").asText()).isEqualTo("EXPERIMENTAL SESSION 1");
      assertThat(cell(blinded, row, "EPOCH").asText()).isEqualTo("TREATMENT");
    }
    assertThat(blinded.toString()).doesNotContain("PLACEBO").doesNotContain("\"MDMA\"");
    assertThat(cell(blinded, initial, "EXSTDTC").asText()).isEqualTo(dtc(initialAt));
    assertThat(cell(blinded, initial, "EXENDTC").asText()).isEqualTo(dtc(initialAt));
    assertThat(cell(blinded, supplemental, "EXSTDTC").asText()).isEqualTo(dtc(supplementalAt));
    assertThat(cell(blinded, placeboRow, "EXSTDTC").asText()).isEqualTo(dtc(placeboAt));

    // Before unblinding the regulator waits.
    as("regulator.fda")
        .when()
        .get(EX, trial, "EX")
        .then()
        .statusCode(409)
        .body("code", equalTo("SES-0409-TRIAL-BLINDED"));

    unblind(trial);
    for (var user : List.of("regulator.fda", "sponsor.maps")) {
      var open = download(user, trial);
      assertThat(open.get("records").asInt()).as(user).isEqualTo(3);
      int i = rowOf(open, trial, mdma, 1);
      int s = rowOf(open, trial, mdma, 2);
      int p = rowOf(open, trial, placebo, 1);
      assertThat(cell(open, i, "EXTRT").asText()).as(user).isEqualTo("MDMA");
      assertThat(cell(open, i, "EXDOSE").asDouble()).isEqualTo(80.0);
      assertThat(cell(open, s, "EXTRT").asText()).isEqualTo("MDMA");
      assertThat(cell(open, s, "EXDOSE").asDouble()).isEqualTo(40.0);
      // A placebo capsule holds no MDMA HCl.
      assertThat(cell(open, p, "EXTRT").asText()).isEqualTo("PLACEBO");
      assertThat(cell(open, p, "EXDOSE").asDouble()).isEqualTo(0.0);
      assertThat(cell(open, p, "EXREFID").asText()).isEqualTo("KIT-" + placebo);
    }
  }

  @Test
  void othersAreRefusedAndNothingIsLogged() throws Exception {
    var trial = trial(true);
    var code = newParticipant();
    dose(SessionFixtures.readyToDoseFrom(json, trial, code, "MDMA"), 80, false);
    long logged = accessLogSize();

    // Another sponsor's trial looks like none; so does a trial recruitment-service does not know.
    as("sponsor.northstar")
        .when()
        .get(EX, trial, "EX")
        .then()
        .statusCode(404)
        .body("code", equalTo("SES-0404"));
    as("sponsor.maps")
        .when()
        .get(EX, "NO-SUCH-TRIAL", "EX")
        .then()
        .statusCode(404)
        .body("code", equalTo("SES-0404"));
    // session-service produces EX only.
    as("sponsor.maps")
        .when()
        .get(EX, trial, "AE")
        .then()
        .statusCode(404)
        .body("code", equalTo("SES-0404-SDTM-DOMAIN"));
    // Site roles never download submission datasets.
    for (var user :
        List.of("coordinator.sf", "investigator.sf", "therapist.sf1", "pharmacist.sf")) {
      as(user).when().get(EX, trial, "EX").then().statusCode(403);
    }
    // recruitment-service not answering: nobody can tell who owns the trial.
    ScriptedParticipantDirectory.unavailable = true;
    as("sponsor.maps")
        .when()
        .get(EX, trial, "EX")
        .then()
        .statusCode(503)
        .body("code", equalTo("SES-0503-DIRECTORY"));
    ScriptedParticipantDirectory.unavailable = false;
    assertThat(accessLogSize()).isEqualTo(logged);

    download("sponsor.maps", trial);
    assertThat(accessLogSize()).isEqualTo(logged + 1);
    assertThat(
            SessionFixtures.text(
                "select resource_kind || ' ' || resource || ' ' || reason || ' ' || actor_roles"
                    + " from access_log_entry order by seq desc limit 1"))
        .startsWith("sdtm-export trialId=" + trial + "&domain=EX submission ")
        .contains("sponsor");
  }

  @Test
  void withoutItsAccessLogEntryTheFileIsNotGiven() throws Exception {
    var trial = trial(false);
    var code = newParticipant();
    dose(SessionFixtures.readyToDoseFrom(json, trial, code, "PLACEBO"), 80, false);
    long logged = accessLogSize();
    var postgres = PostgresServer.shared();
    var runtime = postgres.runtimeRole("session");
    try (var db =
        DriverManager.getConnection(
            postgres.jdbcUrl("session"), postgres.username(), postgres.password())) {
      db.createStatement().execute("revoke insert on access_log_entry from \"" + runtime + "\"");
      try {
        as("regulator.fda")
            .when()
            .get(EX, trial, "EX")
            .then()
            .statusCode(503)
            .contentType("application/problem+json")
            .body("code", equalTo("PLATFORM-0503"));
      } finally {
        db.createStatement().execute("grant insert on access_log_entry to \"" + runtime + "\"");
      }
    }
    assertThat(accessLogSize()).isEqualTo(logged);
    var open = download("regulator.fda", trial);
    assertThat(cell(open, 0, "EXTRT").asText()).isEqualTo("PLACEBO");
    assertThat(accessLogSize()).isEqualTo(logged + 1);
  }
}

package org.mdmaat.session.odm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.mdmaat.session.SessionFixtures.as;
import static org.mdmaat.session.SessionFixtures.newParticipant;
import static org.mdmaat.session.SessionFixtures.readyToDoseIn;
import static org.mdmaat.session.SessionFixtures.unique;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.OdmStructure;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.session.ScriptedParticipantDirectory;
import org.mdmaat.session.dosing.SelfServedGatePort;

/** session-service's part of the ODM study export: the visits and the doses, never an arm. */
@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @io.quarkus.test.common.ResourceArg(name = "database", value = "session"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedGatePort.class)
class OdmResourceTest {
  @Inject ObjectMapper json;

  private static String part(String user, String trial, String part) {
    return as(user)
        .header("X-Access-Reason", "submission")
        .when()
        .get("/api/sessions/trials/{t}/odm/" + part, trial)
        .then()
        .statusCode(200)
        .extract()
        .asString();
  }

  /** A trial of its own, whose protocol the scripted recruitment directory answers. */
  private static String trial() {
    var trial = unique("MAPP-ODM");
    ScriptedParticipantDirectory.PROTOCOLS.put(
        trial, ScriptedParticipantDirectory.mapp(trial).build());
    return trial;
  }

  @Test
  void theSponsorGetsTheDosesWithKitAndMgButNoArm() throws Exception {
    var trial = trial();
    var code = newParticipant();
    var session = readyToDoseIn(json, trial, code);
    as("therapist.sf1")
        .contentType(ContentType.JSON)
        .body(Map.of("mgHcl", 80, "supplemental", false))
        .post("/api/sessions/visits/{id}/doses", session)
        .then()
        .statusCode(201);

    var metadata = part("sponsor.maps", trial, "metadata");
    var clinical = part("sponsor.maps", trial, "clinical");
    var file = OdmStructure.compose(metadata, clinical);

    assertThat(OdmStructure.problems(file)).isEmpty();
    assertThat(metadata)
        .contains("<StudyEventDef OID=\"SE.EXPERIMENTAL\"")
        .contains("<StudyEventDef OID=\"SE.PREPARATION\"")
        .contains("<MeasurementUnit OID=\"MU.MG\" Name=\"mg\"")
        .contains("<User OID=\"therapist.sf1\"");
    assertThat(clinical)
        .contains("<SubjectData SubjectKey=\"" + code + "\"")
        .contains("StudyEventOID=\"SE.EXPERIMENTAL\" StudyEventRepeatKey=\"1\"")
        .contains("<ItemData ItemOID=\"DOSE.KIT\" Value=\"KIT-" + code + "\"")
        .contains("ItemOID=\"DOSE.MG_HCL\" Value=\"80")
        .contains("<UserRef UserOID=\"therapist.sf1\"");
    // The kit's content (the arm) is the pharmacist's: not in the file.
    assertThat(file)
        .doesNotContainPattern("(?i)\\barms?\\b")
        .doesNotContainIgnoringCase("placebo")
        .doesNotContain("MDMA");

    OdmStructure.problems(
            OdmStructure.compose(
                part("regulator.fda", trial, "metadata"), part("regulator.fda", trial, "clinical")))
        .forEach(problem -> assertThat(problem).isNull());
  }

  @Test
  void siteStaffAreRefusedAndAnotherSponsorFindsNoTrial() {
    var trial = trial();
    for (var part : new String[] {"metadata", "clinical"}) {
      as("investigator.sf")
          .when()
          .get("/api/sessions/trials/{t}/odm/" + part, trial)
          .then()
          .statusCode(403);
      as("sponsor.northstar")
          .when()
          .get("/api/sessions/trials/{t}/odm/" + part, trial)
          .then()
          .statusCode(404)
          .body("code", equalTo("SES-0404"));
    }
  }
}

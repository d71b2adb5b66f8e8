package org.mdmaat.recruitment.eligibility;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.mdmaat.recruitment.Api.as;
import static org.mdmaat.recruitment.Api.trialBody;
import static org.mdmaat.recruitment.Api.unique;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
class PreScreenResourceTest {

  private static String[] callFor(String ruleSet) {
    var body = trialBody(unique("PS"));
    body.put("eligibility", Map.of("ruleSet", ruleSet));
    var trial = Api.recruitingTrial(body);
    String call =
        as("sponsor.maps")
            .body(Map.of("trialId", trial, "summary", "pre-screen test"))
            .when()
            .post("/api/recruitment/recruitment-calls")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    return new String[] {trial, call};
  }

  private static Map<String, Object> eligibleAnswers() {
    var a = new HashMap<String, Object>();
    a.put("age", 41);
    a.put("ptsdDurationMonths", 120);
    a.put("pcl5Items", Collections.nCopies(20, 3));
    a.put("diagnoses", List.of("PTSD"));
    a.put("medications", List.of());
    a.put("cardiovascularHistory", List.of());
    a.put("pregnant", false);
    a.put("lactating", false);
    a.put("weightKg", 80.0);
    a.put("veteran", true);
    a.put("emergencyContact", true);
    a.put("agreesToRecordings", true);
    a.put("agreesToOvernightStay", true);
    return a;
  }

  private static Map<String, Object> screen(String call, Map<String, Object> answers) {
    var body = new HashMap<String, Object>();
    body.put("recruitmentCallId", call);
    body.put("answers", answers);
    return body;
  }

  @Test
  void anAnonymousCandidateLearnsTheResultAndEveryCriterionNamed() {
    var mapp1 = callFor("MAPP1");
    var mapp2 = callFor("MAPP2");

    given()
        .contentType("application/json")
        .body(screen(mapp2[1], eligibleAnswers()))
        .when()
        .post("/api/recruitment/pre-screens")
        .then()
        .statusCode(201)
        .body("result", equalTo("ELIGIBLE"))
        .body("findings", hasSize(0))
        .body("trialId", equalTo(mapp2[0]))
        .body("contactKept", equalTo(false));

    var answers = eligibleAnswers();
    answers.put("caps5Total", 30);
    answers.put("age", 17);
    answers.put("medications", List.of(Map.of("name", "paroxetine", "psychiatric", true)));
    given()
        .contentType("application/json")
        .body(screen(mapp1[1], answers))
        .when()
        .post("/api/recruitment/pre-screens")
        .then()
        .statusCode(201)
        .body("result", equalTo("NOT_ELIGIBLE"))
        .body("findings.criterion", hasItem("age"))
        .body("findings.criterion", hasItem("caps5-severity"))
        .body("findings.criterion", hasItem("psychiatric-medication-taper"))
        .body(
            "findings.find { it.criterion == 'psychiatric-medication-taper' }.outcome",
            equalTo("NEEDS_CLINICIAN_REVIEW"));

    answers.put("age", 30);
    given()
        .contentType("application/json")
        .body(screen(mapp2[1], answers))
        .when()
        .post("/api/recruitment/pre-screens")
        .then()
        .statusCode(201)
        .body("result", equalTo("NEEDS_CLINICIAN_REVIEW"))
        .body("findings.criterion", equalTo(List.of("psychiatric-medication-taper")));

    // By trial id: the trial's open call is used.
    var byTrial = new HashMap<String, Object>();
    byTrial.put("trialId", mapp2[0]);
    byTrial.put("answers", eligibleAnswers());
    given()
        .contentType("application/json")
        .body(byTrial)
        .when()
        .post("/api/recruitment/pre-screens")
        .then()
        .statusCode(201)
        .body("recruitmentCallId", equalTo(mapp2[1]));
  }

  @Test
  void contactDetailsAreKeptOnlyWithConsentAndNeverAudited() {
    var call = callFor("MAPP2");
    var withoutConsent = screen(call[1], eligibleAnswers());
    withoutConsent.put("contact", Map.of("name", "Alex Doe", "email", "alex@example.org"));
    given()
        .contentType("application/json")
        .body(withoutConsent)
        .when()
        .post("/api/recruitment/pre-screens")
        .then()
        .statusCode(422)
        .body("violations.field", hasItem("contact"));

    var consentWithoutContact = screen(call[1], eligibleAnswers());
    consentWithoutContact.put("consentToContact", true);
    given()
        .contentType("application/json")
        .body(consentWithoutContact)
        .when()
        .post("/api/recruitment/pre-screens")
        .then()
        .statusCode(422)
        .body("violations.field", hasItem("contact"));

    var consented = screen(call[1], eligibleAnswers());
    consented.put("consentToContact", true);
    consented.put("contact", Map.of("name", "Alex Doe", "email", "alex@example.org"));
    String id =
        given()
            .contentType("application/json")
            .body(consented)
            .when()
            .post("/api/recruitment/pre-screens")
            .then()
            .statusCode(201)
            .body("contactKept", equalTo(true))
            .extract()
            .path("id");

    // Site coordinators of the trial see who asked to be contacted; nobody else does.
    as("coordinator.sf")
        .queryParam("trialId", call[0])
        .when()
        .get("/api/recruitment/pre-screens")
        .then()
        .statusCode(200)
        .body("items", hasSize(1))
        .body("items[0].id", equalTo(id))
        .body("items[0].contact.name", equalTo("Alex Doe"))
        .body("items[0].contact.email", equalTo("alex@example.org"))
        .body("items[0].result", equalTo("ELIGIBLE"));
    as("sponsor.maps")
        .queryParam("trialId", call[0])
        .when()
        .get("/api/recruitment/pre-screens")
        .then()
        .statusCode(403);
    given()
        .queryParam("trialId", call[0])
        .when()
        .get("/api/recruitment/pre-screens")
        .then()
        .statusCode(401);
    var sfOnly = trialBody(unique("SF"));
    sfOnly.put(
        "sites", List.of(Api.site("US-SF-01", "US", "San Francisco", "America/Los_Angeles")));
    var sfTrial = Api.recruitingTrial(sfOnly);
    as("coordinator.bos")
        .queryParam("trialId", sfTrial)
        .when()
        .get("/api/recruitment/pre-screens")
        .then()
        .statusCode(404);

    // A candidate registered from the pre-screen keeps its id; an unknown one is refused.
    var candidate = new HashMap<String, Object>();
    candidate.put("trialId", call[0]);
    candidate.put("siteCode", "US-SF-01");
    candidate.put("fullName", "Alex Doe");
    candidate.put("preScreenId", id);
    candidate.put("dissociativeSubtype", false);
    candidate.put("veteran", false);
    candidate.put("combatExposure", false);
    candidate.put("traumaticBrainInjury", false);
    candidate.put("sex", "MALE");
    candidate.put("childbearingPotential", false);
    as("coordinator.sf")
        .body(candidate)
        .when()
        .post("/api/recruitment/participants")
        .then()
        .statusCode(201)
        .body("preScreenId", equalTo(id));
    candidate.put("preScreenId", UUID.randomUUID().toString());
    as("coordinator.sf")
        .body(candidate)
        .when()
        .post("/api/recruitment/participants")
        .then()
        .statusCode(422)
        .body("violations.field", hasItem("preScreenId"));

    as("regulator.fda")
        .queryParam("entityId", id)
        .when()
        .get("/api/recruitment/audit")
        .then()
        .statusCode(200)
        .body("items", hasSize(1))
        .body("items[0].actor", equalTo("anonymous"))
        .body("items[0].after.result", equalTo("ELIGIBLE"))
        .body("items[0].after.consentToContact", equalTo(true))
        .body("items[0].after.toString()", not(containsString("Alex")))
        .body("items[0].after.toString()", not(containsString("example.org")));
  }

  @Test
  void badAnswersAreProblemsNamingTheField() {
    var call = callFor("MAPP2");
    var shortPcl = eligibleAnswers();
    shortPcl.put("pcl5Items", Collections.nCopies(19, 2));
    given()
        .contentType("application/json")
        .body(screen(call[1], shortPcl))
        .when()
        .post("/api/recruitment/pre-screens")
        .then()
        .statusCode(400)
        .contentType(startsWith("application/problem+json"))
        .body("violations.field", hasItem("answers.pcl5Items"));

    var outOfRange = eligibleAnswers();
    outOfRange.put("age", -3);
    given()
        .contentType("application/json")
        .body(screen(call[1], outOfRange))
        .when()
        .post("/api/recruitment/pre-screens")
        .then()
        .statusCode(400)
        .body("violations.field", hasItem("answers.age"));

    var unknown = eligibleAnswers();
    unknown.put("favouriteColour", "blue");
    given()
        .contentType("application/json")
        .body(screen(call[1], unknown))
        .when()
        .post("/api/recruitment/pre-screens")
        .then()
        .statusCode(400)
        .body("violations.field", hasItem("answers.favouriteColour"));

    var diagnosis = eligibleAnswers();
    diagnosis.put("diagnoses", List.of("FLU"));
    given()
        .contentType("application/json")
        .body(screen(call[1], diagnosis))
        .when()
        .post("/api/recruitment/pre-screens")
        .then()
        .statusCode(400)
        .body("violations.field", hasItem(startsWith("answers.diagnoses")));

    var inconsistent = eligibleAnswers();
    inconsistent.put("pcl5Total", 10);
    given()
        .contentType("application/json")
        .body(screen(call[1], inconsistent))
        .when()
        .post("/api/recruitment/pre-screens")
        .then()
        .statusCode(422)
        .body("violations.field", hasItem("answers.pcl5Total"));

    var neither = new HashMap<String, Object>();
    neither.put("answers", eligibleAnswers());
    given()
        .contentType("application/json")
        .body(neither)
        .when()
        .post("/api/recruitment/pre-screens")
        .then()
        .statusCode(422)
        .body("violations.field", hasItem("recruitmentCallId"));

    given()
        .contentType("application/json")
        .body(screen(UUID.randomUUID().toString(), eligibleAnswers()))
        .when()
        .post("/api/recruitment/pre-screens")
        .then()
        .statusCode(404)
        .body("code", equalTo("REC-0404"));

    // A trial without an open call is not open to pre-screens (nor revealed).
    var quiet = Api.recruitingTrial();
    var byTrial = new HashMap<String, Object>();
    byTrial.put("trialId", quiet);
    byTrial.put("answers", eligibleAnswers());
    given()
        .contentType("application/json")
        .body(byTrial)
        .when()
        .post("/api/recruitment/pre-screens")
        .then()
        .statusCode(404);
  }
}

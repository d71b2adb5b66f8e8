package org.mdmaat.session.dosing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.mdmaat.session.SessionFixtures.as;
import static org.mdmaat.session.SessionFixtures.newParticipant;
import static org.mdmaat.session.SessionFixtures.readyToDose;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.session.SessionFixtures;

/**
 * The monitor's dose timeline (issue 20): the session's doses and the supplemental window the dose
 * check applies, for the site's staff only, never an arm.
 */
@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @io.quarkus.test.common.ResourceArg(name = "database", value = "session"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedGatePort.class)
class DoseTimelineTest {
  @Inject ObjectMapper json;

  @AfterEach
  void gateAnswersAsUsual() {
    ScriptedSafetyGate.reset();
  }

  @Test
  void theWindowOpensAndClosesAfterTheInitialDoseAsTheRegimenSays() throws Exception {
    var code = newParticipant();
    var id = readyToDose(json, code);

    // Before the initial dose: the regimen's window, no times yet.
    as("therapist.sf1")
        .get("/api/sessions/visits/{id}/dose-timeline", id)
        .then()
        .statusCode(200)
        .body("sessionId", equalTo(id))
        .body("kind", equalTo("EXPERIMENTAL"))
        .body("number", equalTo(1))
        .body("doses", hasSize(0))
        .body("supplementalAllowed", equalTo(true))
        .body("supplementalEarliestMinutes", equalTo(90))
        .body("supplementalLatestMinutes", equalTo(120))
        .body("supplementalOpensAt", nullValue());

    as("therapist.sf1")
        .contentType(ContentType.JSON)
        .body(Map.of("mgHcl", 80, "supplemental", false))
        .post("/api/sessions/visits/{id}/doses", id)
        .then()
        .statusCode(201);
    SessionFixtures.timePasses(id, Duration.ofMinutes(30));

    var timeline =
        as("coordinator.sf")
            .get("/api/sessions/visits/{id}/dose-timeline", id)
            .then()
            .statusCode(200)
            .body("doses", hasSize(1))
            .body("doses[0].mgHcl", equalTo(80.0f))
            .body("doses[0].supplemental", equalTo(false))
            .body("doses[0]", not(hasKey("arm")))
            .body("$", not(hasKey("arm")))
            .body("supplementalGiven", equalTo(false))
            .extract()
            .jsonPath();
    var given = Instant.parse(timeline.getString("doses[0].administeredAt"));
    assertThat(Instant.parse(timeline.getString("supplementalOpensAt")))
        .isEqualTo(given.plus(Duration.ofMinutes(90)));
    assertThat(Instant.parse(timeline.getString("supplementalClosesAt")))
        .isEqualTo(given.plus(Duration.ofMinutes(120)));
  }

  @Test
  void anotherSitesStaffGet404AndAPharmacist403() throws Exception {
    var code = newParticipant();
    var id = readyToDose(json, code);
    as("therapist.bos1").get("/api/sessions/visits/{id}/dose-timeline", id).then().statusCode(404);
    as("pharmacist.sf").get("/api/sessions/visits/{id}/dose-timeline", id).then().statusCode(403);
  }
}

package org.mdmaat.safety.followup;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.mdmaat.safety.testing.Api.SF;
import static org.mdmaat.safety.testing.Api.as;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.safety.hold.SelfServedPort;
import org.mdmaat.safety.testing.Api;
import org.mdmaat.safety.testing.DosingSessions;

/** Positive effects are asked for after each dosing session, each positive answer an event. */
@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "safety"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedPort.class)
class PositiveEffectsChecklistTest {
  @Inject ObjectMapper json;

  private static final OffsetDateTime ASKED = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(30);

  /** Every effect answered: {@code present} ones with their facts, the others no. */
  private static Map<String, Object> checklist(String session, List<String> present) {
    var answers = new ArrayList<Map<String, Object>>();
    for (var effect : SolicitedPositiveEffect.values()) {
      var a = new HashMap<String, Object>();
      a.put("effect", effect.name());
      a.put("present", present.contains(effect.name()));
      if (present.contains(effect.name())) {
        a.put("grade", 1);
        a.put("onset", ASKED.minusHours(4).toString());
        a.put("relatedness", "PROBABLE");
        a.put("expected", true);
        a.put("outcome", "RECOVERED");
      }
      answers.add(a);
    }
    return Map.of("sessionId", session, "askedAt", ASKED.toString(), "answers", answers);
  }

  @Test
  void eachPositiveAnswerBecomesAPositiveAbuseRelatedEventAndTheSessionIsNoLongerOutstanding() {
    var participant = Api.participantAt(SF);
    var trial = Api.trialOf(participant);
    var session = DosingSessions.dosed(json, participant, trial, SF);
    var nextSession = DosingSessions.dosed(json, participant, trial, SF);

    var recorded =
        as("therapist.sf1")
            .body(checklist(session, List.of("EUPHORIC_MOOD", "DRUG_LIKING")))
            .when()
            .post("/api/safety/positive-effects-checklists")
            .then()
            .statusCode(201)
            .body("participantCode", equalTo(participant))
            .body(
                "answers.findAll { it.present }.effect",
                equalTo(List.of("EUPHORIC_MOOD", "DRUG_LIKING")))
            .body("answers.find { it.effect == 'EUPHORIC_MOOD' }.adverseEventId", notNullValue())
            .extract()
            .jsonPath();
    String euphoria =
        recorded.getString("answers.find { it.effect == 'EUPHORIC_MOOD' }.adverseEventId");
    as("investigator.sf")
        .when()
        .get("/api/safety/adverse-events/{id}", euphoria)
        .then()
        .statusCode(200)
        .body("term", equalTo("euphoric mood"))
        .body("categories", equalTo(List.of("POSITIVE_ABUSE_RELATED")))
        .body("sessionId", equalTo(session))
        .body("awarenessAt", notNullValue());
    as("coordinator.sf")
        .queryParam("siteCode", SF)
        .queryParam("participantCode", participant)
        .when()
        .get("/api/safety/adverse-events")
        .then()
        .body("total", equalTo(2));
    as("investigator.sf")
        .queryParam("siteCode", SF)
        .queryParam("participantCode", participant)
        .when()
        .get("/api/safety/positive-effects-checklists/outstanding")
        .then()
        .statusCode(200)
        .body("items.sessionId", not(hasItem(session)))
        .body("items.sessionId", hasItem(nextSession));
    as("therapist.sf1")
        .body(checklist(session, List.of()))
        .when()
        .post("/api/safety/positive-effects-checklists")
        .then()
        .statusCode(409)
        .body("code", equalTo("SAF-0409-CHECKLIST-RECORDED"));
  }

  @Test
  void anIncompleteChecklistAnUnknownSessionAndAnotherSitesSessionAreRefused() {
    var participant = Api.participantAt(SF);
    var session = DosingSessions.dosed(json, participant, Api.trialOf(participant), SF);

    var incomplete = new HashMap<>(checklist(session, List.of("FEELING_HIGH")));
    @SuppressWarnings("unchecked")
    var answers = new ArrayList<>((List<Map<String, Object>>) incomplete.get("answers"));
    answers.remove(0); // EUPHORIC_MOOD not asked
    var high =
        new HashMap<>(
            answers.stream()
                .filter(a -> a.get("effect").equals("FEELING_HIGH"))
                .findFirst()
                .orElseThrow());
    high.remove("grade");
    answers.removeIf(a -> a.get("effect").equals("FEELING_HIGH"));
    answers.add(high);
    incomplete.put("answers", answers);
    as("therapist.sf1")
        .body(incomplete)
        .when()
        .post("/api/safety/positive-effects-checklists")
        .then()
        .statusCode(422)
        .body("code", equalTo("SAF-0422-CHECKLIST"))
        .body("violations.field", hasItem("answers"))
        .body("violations.field", hasItem("answers[" + (answers.size() - 1) + "].grade"));
    as("therapist.sf1")
        .body(checklist(Api.code("S"), List.of()))
        .when()
        .post("/api/safety/positive-effects-checklists")
        .then()
        .statusCode(404)
        .body("code", equalTo("SAF-0404-DOSING-SESSION"));
    as("therapist.bos1")
        .body(checklist(session, List.of()))
        .when()
        .post("/api/safety/positive-effects-checklists")
        .then()
        .statusCode(404);
    as("coordinator.sf")
        .body(checklist(session, List.of()))
        .when()
        .post("/api/safety/positive-effects-checklists")
        .then()
        .statusCode(403);
    // Refused ones stored nothing: the session still owes its checklist.
    as("investigator.sf")
        .queryParam("siteCode", SF)
        .queryParam("participantCode", participant)
        .when()
        .get("/api/safety/positive-effects-checklists/outstanding")
        .then()
        .body("items.sessionId", hasItem(session));
  }
}

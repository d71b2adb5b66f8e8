package org.mdmaat.systemtests;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.response.ValidatableResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.Platform;

/**
 * The expedited-report clocks of safety-service, through the gateway as the site uses them: the due
 * date follows the event as it changes (15 to 7 days on an upgrade to fatal), a death after a
 * submitted report owes a new one, an event judged unrelated clears its clock with the history
 * kept, grade 4 without a seriousness criterion needs an investigator's explicit confirmation, and
 * an event may carry several categories.
 */
class AdverseEventClocksThroughGatewayTest {
  private static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.UTC);

  /** A serious (hospitalization), unexpected, probably related event, aware some days ago. */
  private static Map<String, Object> hospitalized(int awareDaysAgo) {
    var e = new HashMap<String, Object>();
    e.put("term", "hypertensive crisis");
    e.put("categories", List.of("CARDIOVASCULAR"));
    e.put("onset", NOW.minusDays(awareDaysAgo).minusHours(2).toString());
    e.put("awareness", NOW.minusDays(awareDaysAgo).toString());
    e.put("grade", 3);
    e.put("seriousness", List.of("HOSPITALIZATION"));
    e.put("relatedness", "PROBABLE");
    e.put("expected", false);
    e.put("outcome", "NOT_RECOVERED");
    return e;
  }

  private static Map<String, Object> fatal(Map<String, Object> event, OffsetDateTime awareness) {
    var e = new HashMap<>(event);
    e.put("grade", 5);
    e.put("seriousness", List.of("DEATH", "HOSPITALIZATION"));
    e.put("outcome", "FATAL");
    e.put("awareness", awareness.toString());
    return e;
  }

  /** Reports {@code event} of {@code participant} as {@code user}. */
  private static ValidatableResponse report(
      Platform platform, String user, String participant, Map<String, Object> event) {
    return Scenario.as(platform, user)
        .contentType("application/json")
        .body(Map.of("participantCode", participant, "event", event))
        .when()
        .post("/api/safety/adverse-events")
        .then();
  }

  private static String reported(Platform platform, String participant, Map<String, Object> e) {
    return report(platform, "investigator.sf", participant, e).statusCode(201).extract().path("id");
  }

  /** A follow-up as {@code user}, signed (fresh login) with its reason. */
  private static ValidatableResponse followUp(
      Platform platform, String user, String id, Map<String, Object> event, String reason) {
    return Scenario.as(platform, user)
        .contentType("application/json")
        .body(
            Map.of(
                "event", event, "reason", reason, "signature", Map.of("meaning", "RESPONSIBILITY")))
        .when()
        .post("/api/safety/adverse-events/" + id + "/follow-ups")
        .then();
  }

  private static void followUp(
      Platform platform, String id, Map<String, Object> event, String reason) {
    followUp(platform, "investigator.sf", id, event, reason).statusCode(200);
  }

  @Test
  void anUpgradeToFatalMovesTheDueDateTo7DaysAndADeathAfterASubmittedReportOwesANewOne() {
    Platform platform = RunningPlatform.get();
    var participant = Scenario.realParticipant(platform, Scenario.SF);
    var first = hospitalized(3);
    var id = reported(platform, participant, first);
    var fifteen = NOW.toLocalDate().minusDays(3).plusDays(15).toString();
    Scenario.as(platform, "investigator.sf")
        .when()
        .get("/api/safety/adverse-events/" + id)
        .then()
        .statusCode(200)
        .body("expeditedReportRequired", equalTo(true))
        .body("expeditedReportDue", equalTo(fifteen));
    // The report is submitted within its 15 days.
    Scenario.as(platform, "investigator.sf")
        .contentType("application/json")
        .body(Map.of("reference", "IND-1 SN0042"))
        .when()
        .post("/api/safety/adverse-events/" + id + "/expedited-report")
        .then()
        .statusCode(200);

    // The participant dies: a new obligation, 7 days from the awareness of the death.
    followUp(platform, id, fatal(first, NOW.minusHours(1)), "died in hospital");
    var seven = NOW.minusHours(1).toLocalDate().plusDays(7).toString();
    Scenario.as(platform, "investigator.sf")
        .when()
        .get("/api/safety/adverse-events/" + id)
        .then()
        .body("expeditedReportRequired", equalTo(true))
        .body("expeditedReportSubmittedAt", nullValue())
        .body("expeditedReportDue", equalTo(seven));
    Scenario.as(platform, "investigator.sf")
        .when()
        .get("/api/safety/adverse-events/" + id + "/expedited-clocks")
        .then()
        .statusCode(200)
        .body("days", equalTo(List.of(15, 7)))
        .body("outcome", equalTo(Arrays.asList("SUBMITTED", null)))
        .body("[0].reference", equalTo("IND-1 SN0042"))
        .body("[0].due", equalTo(fifteen))
        .body("[1].due", equalTo(seven));
    var trial = Scenario.sharedTrial(platform);
    Scenario.as(platform, "investigator.sf")
        .queryParam("status", "OPEN")
        .when()
        .get("/api/safety/trials/" + trial + "/expedited-reports")
        .then()
        .statusCode(200)
        .body("items.id", hasItem(id));
    // The sponsor follows its trial's open reports; another site's investigator sees nothing.
    Scenario.as(platform, "sponsor.maps")
        .queryParam("status", "OPEN")
        .when()
        .get("/api/safety/trials/" + trial + "/expedited-reports")
        .then()
        .statusCode(200)
        .body("items.id", hasItem(id));
    Scenario.as(platform, "investigator.bos")
        .when()
        .get("/api/safety/adverse-events/" + id + "/expedited-clocks")
        .then()
        .statusCode(404);
    // A therapist may not change the event's facts.
    followUp(platform, "therapist.sf1", id, first, "undo").statusCode(403);
  }

  @Test
  void anEventJudgedUnrelatedClearsItsClockAndKeepsItsHistory() {
    Platform platform = RunningPlatform.get();
    var participant = Scenario.realParticipant(platform, Scenario.SF);
    var first = hospitalized(2);
    var id = reported(platform, participant, first);
    var judged = new HashMap<>(first);
    judged.put("relatedness", "NOT_RELATED");
    followUp(platform, id, judged, "a fall, not the drug");
    Scenario.as(platform, "investigator.sf")
        .when()
        .get("/api/safety/adverse-events/" + id)
        .then()
        .body("expeditedReportRequired", equalTo(false))
        .body("expeditedReportDue", nullValue());
    Scenario.as(platform, "investigator.sf")
        .when()
        .get("/api/safety/adverse-events/" + id + "/expedited-clocks")
        .then()
        .statusCode(200)
        .body("outcome", equalTo(List.of("CLEARED")))
        .body("[0].endedReason", equalTo("judged not related (NOT_RELATED)"))
        .body("[0].due", equalTo(NOW.toLocalDate().minusDays(2).plusDays(15).toString()));
    Scenario.as(platform, "investigator.sf")
        .when()
        .get("/api/safety/adverse-events/" + id + "/versions")
        .then()
        .statusCode(200)
        .body("size()", equalTo(2));
  }

  @Test
  void grade4WithoutSeriousnessNeedsAnInvestigatorsConfirmationAndAnEventHasSeveralCategories() {
    Platform platform = RunningPlatform.get();
    var participant = Scenario.realParticipant(platform, Scenario.SF);
    var grade4 = hospitalized(1);
    grade4.put("grade", 4);
    grade4.put("seriousness", List.of());
    report(platform, "investigator.sf", participant, grade4)
        .statusCode(422)
        .body("code", equalTo("SAF-0422-ADVERSE-EVENT"))
        .body("violations.field", hasItem("event.nonSeriousGradeConfirmed"));
    var confirmed = new HashMap<>(grade4);
    confirmed.put("nonSeriousGradeConfirmed", true);
    // The confirmation is the investigator's judgement, not the therapist's.
    report(platform, "therapist.sf1", participant, confirmed)
        .statusCode(422)
        .body("violations.field", hasItem("event.nonSeriousGradeConfirmed"));
    var id = reported(platform, participant, confirmed);
    Scenario.as(platform, "investigator.sf")
        .when()
        .get("/api/safety/adverse-events/" + id)
        .then()
        .body("grade", equalTo(4))
        .body("serious", equalTo(false))
        .body("nonSeriousConfirmedBy", notNullValue());

    // Psychiatric and positive (abuse-related) at once; none at all is refused.
    var both = hospitalized(1);
    both.put("seriousness", List.of());
    both.put("term", "euphoria with agitation");
    both.put("categories", List.of("PSYCHIATRIC", "POSITIVE_ABUSE_RELATED"));
    var twice = reported(platform, participant, both);
    Scenario.as(platform, "investigator.sf")
        .when()
        .get("/api/safety/adverse-events/" + twice)
        .then()
        .body("categories", equalTo(List.of("POSITIVE_ABUSE_RELATED", "PSYCHIATRIC")));
    var none = new HashMap<>(both);
    none.put("categories", List.of());
    report(platform, "investigator.sf", participant, none)
        .statusCode(422)
        .body("violations.field", hasItem("event.categories"));
  }
}

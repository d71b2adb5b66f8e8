package org.mdmaat.safety.adverse;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.mdmaat.safety.testing.Api.SF;
import static org.mdmaat.safety.testing.Api.as;
import static org.mdmaat.safety.testing.Api.participantAt;
import static org.mdmaat.safety.testing.Api.signing;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mdmaat.devstack.KafkaResource;
import org.mdmaat.devstack.KeycloakResource;
import org.mdmaat.devstack.PostgresResource;
import org.mdmaat.safety.hold.SelfServedPort;

/**
 * The expedited-report clock follows the event: recomputed on every follow-up, counted from the
 * awareness date, every clock kept; and the rules of the report itself (awareness, grade 4 without
 * seriousness, several categories).
 */
@QuarkusTest
@QuarkusTestResource(
    value = PostgresResource.class,
    initArgs = @ResourceArg(name = "database", value = "safety"))
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(KeycloakResource.class)
@QuarkusTestResource(SelfServedPort.class)
class ExpeditedReportClockTest {
  private static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.UTC);
  private static final LocalDate TODAY = NOW.toLocalDate();

  /**
   * A serious (hospitalization), unexpected, probably related event, aware {@code awareDaysAgo}.
   */
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

  private static String report(Map<String, Object> event) {
    return AdverseEventResourceTest.reportOk("investigator.sf", participantAt(SF), event);
  }

  private static void followUp(String id, Map<String, Object> event, String reason) {
    signing("investigator.sf")
        .body(AdverseEventResourceTest.followUp(event, reason))
        .when()
        .post("/api/safety/adverse-events/{id}/follow-ups", id)
        .then()
        .statusCode(200);
  }

  @Test
  void anUpgradeToFatalMovesTheDueDateTo7DaysFromItsAwarenessAndKeepsTheFirstClock() {
    var first = hospitalized(3);
    var id = report(first);
    as("investigator.sf")
        .when()
        .get("/api/safety/adverse-events/{id}", id)
        .then()
        .body("expeditedReportDue", equalTo(TODAY.minusDays(3).plusDays(15).toString()));

    followUp(id, fatal(first, NOW.minusHours(1)), "died in hospital");

    var sevenDays = NOW.minusHours(1).toLocalDate().plusDays(7).toString();
    as("investigator.sf")
        .when()
        .get("/api/safety/adverse-events/{id}", id)
        .then()
        .body("expeditedReportDue", equalTo(sevenDays));
    as("investigator.sf")
        .when()
        .get("/api/safety/adverse-events/{id}/expedited-clocks", id)
        .then()
        .statusCode(200)
        .body("days", equalTo(List.of(15, 7)))
        .body("outcome", equalTo(java.util.Arrays.asList("SUPERSEDED", null)))
        .body("running", equalTo(List.of(false, true)))
        .body("[0].due", equalTo(TODAY.minusDays(3).plusDays(15).toString()))
        .body("[1].due", equalTo(sevenDays))
        .body("[1].startedVersion", equalTo(2));
    as("investigator.bos")
        .when()
        .get("/api/safety/adverse-events/{id}/expedited-clocks", id)
        .then()
        .statusCode(404);
  }

  @Test
  void aDeathAfterASubmittedReportCreatesANewObligation() {
    var first = hospitalized(1);
    var id = report(first);
    as("investigator.sf")
        .body(Map.of("reference", "IND-1 SN0001"))
        .when()
        .post("/api/safety/adverse-events/{id}/expedited-report", id)
        .then()
        .statusCode(200);
    // A follow-up that changes nothing urgent owes nothing new.
    var recovering = new HashMap<>(first);
    recovering.put("outcome", "RECOVERING");
    recovering.put("awareness", NOW.minusHours(5).toString());
    followUp(id, recovering, "improving");
    as("investigator.sf")
        .when()
        .get("/api/safety/adverse-events/{id}", id)
        .then()
        .body("expeditedReportSubmittedAt", org.hamcrest.Matchers.notNullValue());

    followUp(id, fatal(first, NOW.minusHours(2)), "died after discharge");

    as("investigator.sf")
        .when()
        .get("/api/safety/adverse-events/{id}", id)
        .then()
        .body("expeditedReportRequired", equalTo(true))
        .body("expeditedReportSubmittedAt", nullValue())
        .body(
            "expeditedReportDue", equalTo(NOW.minusHours(2).toLocalDate().plusDays(7).toString()));
    as("investigator.sf")
        .when()
        .get("/api/safety/adverse-events/{id}/expedited-clocks", id)
        .then()
        .body("outcome", equalTo(java.util.Arrays.asList("SUBMITTED", null)))
        .body("[0].reference", equalTo("IND-1 SN0001"))
        .body("[1].days", equalTo(7));
    as("investigator.sf")
        .queryParam("status", "OPEN")
        .when()
        .get("/api/safety/trials/{t}/expedited-reports", trialOfEvent(id))
        .then()
        .body("items.id", hasItem(id));
  }

  private static String trialOfEvent(String id) {
    return as("investigator.sf")
        .when()
        .get("/api/safety/adverse-events/{id}", id)
        .then()
        .extract()
        .path("trialId");
  }

  @Test
  void anEventJudgedUnrelatedOrExpectedClearsItsClockAndKeepsItsHistory() {
    var first = hospitalized(2);
    var unrelated = report(first);
    var judged = new HashMap<>(first);
    judged.put("relatedness", "NOT_RELATED");
    followUp(unrelated, judged, "a fall, not the drug");
    as("investigator.sf")
        .when()
        .get("/api/safety/adverse-events/{id}", unrelated)
        .then()
        .body("expeditedReportRequired", equalTo(false))
        .body("expeditedReportDue", nullValue());
    as("investigator.sf")
        .when()
        .get("/api/safety/adverse-events/{id}/expedited-clocks", unrelated)
        .then()
        .body("outcome", equalTo(List.of("CLEARED")))
        .body("[0].endedReason", equalTo("judged not related (NOT_RELATED)"))
        .body("[0].endedVersion", equalTo(2))
        .body("[0].due", equalTo(TODAY.minusDays(2).plusDays(15).toString()));

    var expected = report(first);
    var listed = new HashMap<>(first);
    listed.put("expected", true);
    followUp(expected, listed, "listed in the investigator's brochure");
    as("investigator.sf")
        .when()
        .get("/api/safety/adverse-events/{id}/expedited-clocks", expected)
        .then()
        .body("outcome", equalTo(List.of("CLEARED")))
        .body("[0].endedReason", equalTo("judged expected"));
  }

  @Test
  void theAwarenessDateIsRequiredNotInTheFutureAndNotBeforeTheOnset() {
    var participant = participantAt(SF);
    var future = hospitalized(0);
    future.put("awareness", NOW.plusDays(1).toString());
    refused(participant, future, "event.awareness");
    var beforeOnset = hospitalized(1);
    beforeOnset.put("awareness", NOW.minusDays(3).toString());
    refused(participant, beforeOnset, "event.awareness");
    var missing = hospitalized(1);
    missing.remove("awareness");
    as("investigator.sf")
        .body(AdverseEventResourceTest.report(participant, missing))
        .when()
        .post("/api/safety/adverse-events")
        .then()
        .statusCode(400)
        .body("violations.field", hasItem("event.awareness"));
    // Aware yesterday: the clock counts from yesterday's UTC day.
    var id = AdverseEventResourceTest.reportOk("investigator.sf", participant, hospitalized(1));
    as("investigator.sf")
        .when()
        .get("/api/safety/adverse-events/{id}", id)
        .then()
        .body(
            "expeditedReportDue", equalTo(NOW.minusDays(1).toLocalDate().plusDays(15).toString()));
  }

  @Test
  void grade4WithoutASeriousnessCriterionNeedsAnInvestigatorsExplicitConfirmation() {
    var participant = participantAt(SF);
    var grade4 = hospitalized(1);
    grade4.put("grade", 4);
    grade4.put("seriousness", List.of());
    refused(participant, grade4, "event.nonSeriousGradeConfirmed");
    var confirmed = new HashMap<>(grade4);
    confirmed.put("nonSeriousGradeConfirmed", true);
    as("therapist.sf1")
        .body(AdverseEventResourceTest.report(participant, confirmed))
        .when()
        .post("/api/safety/adverse-events")
        .then()
        .statusCode(422)
        .body("violations.field", hasItem("event.nonSeriousGradeConfirmed"));
    var id = AdverseEventResourceTest.reportOk("investigator.sf", participant, confirmed);
    as("investigator.sf")
        .when()
        .get("/api/safety/adverse-events/{id}", id)
        .then()
        .body("grade", equalTo(4))
        .body("serious", equalTo(false))
        .body("nonSeriousConfirmedBy", org.hamcrest.Matchers.notNullValue());
  }

  @Test
  void anEventCarriesSeveralCategoriesAndAtLeastOne() {
    var participant = participantAt(SF);
    var both = hospitalized(1);
    both.put("seriousness", List.of());
    both.put("term", "euphoria with agitation");
    both.put("categories", List.of("PSYCHIATRIC", "POSITIVE_ABUSE_RELATED"));
    var id = AdverseEventResourceTest.reportOk("therapist.sf1", participant, both);
    as("investigator.sf")
        .when()
        .get("/api/safety/adverse-events/{id}", id)
        .then()
        .body("categories", equalTo(List.of("POSITIVE_ABUSE_RELATED", "PSYCHIATRIC")));
    var none = new HashMap<>(both);
    none.put("categories", List.of());
    refused(participant, none, "event.categories");
  }

  private static void refused(String participant, Map<String, Object> event, String field) {
    as("investigator.sf")
        .body(AdverseEventResourceTest.report(participant, event))
        .when()
        .post("/api/safety/adverse-events")
        .then()
        .statusCode(422)
        .body("code", equalTo("SAF-0422-ADVERSE-EVENT"))
        .body("violations.field", hasItem(field));
  }
}

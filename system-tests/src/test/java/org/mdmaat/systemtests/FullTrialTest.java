package org.mdmaat.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mdmaat.devstack.Platform;

/**
 * A whole trial through the gateway, with every service real: a sponsor's trial at two sites, a
 * public call and 30 anonymous pre-screens, 20 participants enrolled and randomized, schedules,
 * bookings and dosing with initial and supplemental doses, a vitals breach holding the next dose
 * until an investigator lifts the hold, a serious adverse event with its expedited-report deadline,
 * CAPS-5 at baseline and endpoint, unblinding with statistics and blinding indices recomputed here
 * from the entered data and the disclosed arms, and the regulator's cross-service audit. Every
 * answer is recorded, and the last steps check what each role must never have seen.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FullTrialTest {
  private static final int CANDIDATES = 30;
  private static final int PER_SITE = 10;
  private static final String SF = Scenario.SF;
  private static final String BOS = Scenario.BOS;

  private static Platform platform;
  private static Recorder rec;

  private static String trialId;
  private static String callId;

  /** Eligible pre-screens whose candidates asked to be contacted, in submission order. */
  private static final List<String> eligibleScreens = new ArrayList<>();

  /** Participant code → site, name (only recruitment may show it), kit code. */
  private static final Map<String, String> siteOf = new LinkedHashMap<>();

  private static final Map<String, String> nameOf = new HashMap<>();
  private static final List<String> sfCodes = new ArrayList<>();
  private static final List<String> bosCodes = new ArrayList<>();

  /** CAPS-5 totals entered, and whether the entered items meet the diagnostic rule. */
  private static final Map<String, int[]> caps = new HashMap<>();

  private static final Map<String, Boolean> diagnosedAtBaseline = new HashMap<>();
  private static final Map<String, Boolean> diagnosedAtEndpoint = new HashMap<>();
  private static final Map<String, String> raterGuess = new HashMap<>();

  /** When the scenario began, for the audit filters. */
  private static Instant scenarioStart;

  private static String heldParticipant;
  private static String heldSession;
  private static Instant heldInitialAt;
  private static String seriousEventId;

  @BeforeAll
  static void platform() {
    platform = RunningPlatform.get();
    rec = new Recorder(platform);
    scenarioStart = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  }

  private static RequestSpecification as(String user) {
    return rec.as(user);
  }

  private static Supplier<RequestSpecification> by(String user) {
    return () -> rec.as(user);
  }

  private static String coordinatorOf(String site) {
    return site.equals(SF) ? "coordinator.sf" : "coordinator.bos";
  }

  private static String investigatorOf(String site) {
    return site.equals(SF) ? "investigator.sf" : "investigator.bos";
  }

  private static String raterOf(String site) {
    return site.equals(SF) ? "rater.sf" : "rater.bos";
  }

  // ---------------------------------------------------------------- recruitment

  @Test
  @Order(1)
  void aSponsorCreatesATrialAtTwoSitesAndPostsARecruitmentCall() {
    var created =
        as("sponsor.maps")
            .contentType("application/json")
            .body(Scenario.trialRequest(Scenario.unique("FT"), 20))
            .when()
            .post("/api/recruitment/trials")
            .then()
            .statusCode(201)
            .body("status", equalTo("NOT_YET_RECRUITING"))
            .body("sites.code", hasItem(SF))
            .body("sites.code", hasItem(BOS))
            .extract()
            .jsonPath();
    trialId = created.getString("id");

    // Another sponsor cannot see it.
    as("sponsor.northstar").when().get("/api/recruitment/trials/" + trialId).then().statusCode(404);

    as("sponsor.maps")
        .contentType("application/json")
        .body(Map.of("status", "RECRUITING", "reason", "IRB approval received"))
        .when()
        .post("/api/recruitment/trials/" + trialId + "/status")
        .then()
        .statusCode(200)
        .body("status", equalTo("RECRUITING"));

    callId =
        as("sponsor.maps")
            .contentType("application/json")
            .body(
                Map.of(
                    "trialId",
                    trialId,
                    "summary",
                    "Adults with PTSD for six months or more; three dosing sessions."))
            .when()
            .post("/api/recruitment/recruitment-calls")
            .then()
            .statusCode(201)
            .extract()
            .path("id")
            .toString();

    // Anyone finds the call, with public facts only.
    rec.anonymous(2)
        .when()
        .get("/api/recruitment/recruitment-calls/" + callId)
        .then()
        .statusCode(200)
        .body("trialId", equalTo(trialId))
        .body("open", equalTo(true))
        .body("sites.code", hasItem(BOS));
  }

  /** What a candidate answers; {@code variant} makes them ineligible for a known reason. */
  private static Map<String, Object> answers(int variant) {
    var a = new LinkedHashMap<String, Object>();
    a.put("age", 34 + variant % 20);
    a.put("ptsdDurationMonths", 24);
    a.put("pcl5Total", 52);
    a.put("diagnoses", List.of("PTSD"));
    a.put("medications", List.of());
    a.put("cardiovascularHistory", List.of());
    a.put("pregnant", false);
    a.put("lactating", false);
    a.put("weightKg", 70.0);
    a.put("veteran", variant % 2 == 0);
    a.put("combatExposure", variant % 2 == 0);
    a.put("traumaticBrainInjury", false);
    a.put("dissociativeSubtype", false);
    a.put("emergencyContact", true);
    a.put("agreesToRecordings", true);
    a.put("agreesToOvernightStay", true);
    return a;
  }

  /** An ineligible candidate: the answers changed, the result, the criteria that must be named. */
  private record Ineligible(Map<String, Object> change, String result, List<String> criteria) {}

  private static final List<Ineligible> INELIGIBLE =
      List.of(
          new Ineligible(Map.of("age", 17), "NOT_ELIGIBLE", List.of("age")),
          new Ineligible(Map.of("ptsdDurationMonths", 3), "NOT_ELIGIBLE", List.of("ptsd-duration")),
          new Ineligible(
              Map.of("diagnoses", List.of("PTSD", "BIPOLAR_I")),
              "NOT_ELIGIBLE",
              List.of("psychiatric-exclusions")),
          new Ineligible(
              Map.of("diagnoses", List.of("PTSD", "ALCOHOL_USE_DISORDER")),
              "NOT_ELIGIBLE",
              List.of("substance-use")),
          new Ineligible(Map.of("pregnant", true), "NOT_ELIGIBLE", List.of("pregnancy")),
          new Ineligible(
              Map.of("cardiovascularHistory", List.of("ARRHYTHMIA")),
              "NOT_ELIGIBLE",
              List.of("cardiovascular")),
          new Ineligible(Map.of("weightKg", 45.0), "NOT_ELIGIBLE", List.of("weight")),
          new Ineligible(Map.of("caps5Total", 20), "NOT_ELIGIBLE", List.of("caps5-severity")),
          new Ineligible(
              Map.of("pcl5Total", 21), "NEEDS_CLINICIAN_REVIEW", List.of("pcl5-provisional-ptsd")),
          new Ineligible(
              Map.of("age", 17, "lactating", true), "NOT_ELIGIBLE", List.of("age", "lactation")));

  @Test
  @Order(2)
  void thirtyCandidatesPreScreenAndTheIneligibleAreToldWhy() {
    for (int i = 0; i < CANDIDATES; i++) {
      var answers = answers(i);
      Ineligible reason = i < INELIGIBLE.size() ? INELIGIBLE.get(i) : null;
      var body = new LinkedHashMap<String, Object>();
      body.put("recruitmentCallId", callId);
      if (reason != null) {
        answers.putAll(reason.change());
        body.put("consentToContact", false);
      } else {
        body.put("consentToContact", true);
        body.put(
            "contact", Map.of("name", "Candidate " + i, "email", "candidate" + i + "@example.org"));
      }
      body.put("answers", answers);
      // Each candidate from their own address: the gateway limits anonymous callers per address.
      var screen =
          rec.anonymous(10 + i)
              .contentType("application/json")
              .body(body)
              .when()
              .post("/api/recruitment/pre-screens")
              .then()
              .statusCode(201)
              .extract()
              .jsonPath();
      if (reason == null) {
        assertThat(screen.getString("result")).as("candidate %d", i).isEqualTo("ELIGIBLE");
        assertThat(screen.getList("findings")).isEmpty();
        eligibleScreens.add(screen.getString("id"));
      } else {
        assertThat(screen.getString("result")).as("candidate %d", i).isEqualTo(reason.result());
        assertThat(screen.<String>getList("findings.criterion"))
            .as("candidate %d", i)
            .containsExactlyInAnyOrderElementsOf(reason.criteria());
      }
    }
    assertThat(eligibleScreens).hasSize(2 * PER_SITE);

    // A question that does not apply forces no clinician's review: someone who cannot become
    // pregnant leaves the pregnancy question unanswered and is eligible; unanswered by someone who
    // can, a clinician asks.
    for (var childbearing : List.of(false, true)) {
      var answers = answers(0);
      answers.remove("pregnant");
      answers.put("childbearingPotential", childbearing);
      var screen =
          rec.anonymous(childbearing ? 61 : 60)
              .contentType("application/json")
              .body(
                  Map.of(
                      "recruitmentCallId", callId, "consentToContact", false, "answers", answers))
              .when()
              .post("/api/recruitment/pre-screens")
              .then()
              .statusCode(201)
              .extract()
              .jsonPath();
      if (childbearing) {
        assertThat(screen.getString("result")).isEqualTo("NEEDS_CLINICIAN_REVIEW");
        assertThat(screen.<String>getList("findings.criterion")).contains("pregnancy");
      } else {
        assertThat(screen.getString("result")).isEqualTo("ELIGIBLE");
        assertThat(screen.getList("findings")).isEmpty();
      }
    }

    // The coordinators see exactly the candidates who asked to be contacted, with their details.
    as("coordinator.sf")
        .queryParam("trialId", trialId)
        .queryParam("size", 100)
        .when()
        .get("/api/recruitment/pre-screens")
        .then()
        .statusCode(200)
        .body("total", equalTo(2 * PER_SITE))
        .body("items.result", everyItem(equalTo("ELIGIBLE")));
    // A coordinator of no site of the trial's... every demo coordinator works at one of its sites;
    // another sponsor's coordinator does not exist, so the refusal checked is the anonymous one.
    rec.anonymous(3)
        .queryParam("trialId", trialId)
        .when()
        .get("/api/recruitment/pre-screens")
        .then()
        .statusCode(401);
  }

  @Test
  @Order(3)
  void coordinatorsEnrollAndRandomizeTwentyAtTwoSites() {
    for (int i = 0; i < 2 * PER_SITE; i++) {
      var site = i < PER_SITE ? SF : BOS;
      var name = Scenario.unique("Zed Candidate").replace('-', ' ');
      var users =
          new Scenario.Users() {
            @Override
            public RequestSpecification coordinator() {
              return as(coordinatorOf(site));
            }

            @Override
            public RequestSpecification investigator() {
              return as(investigatorOf(site));
            }
          };
      var code = Scenario.enrolled(users, trialId, site, name, eligibleScreens.get(i));
      var allocation = Scenario.randomize(as(coordinatorOf(site)), code);
      assertThat(allocation.getString("kitCode")).startsWith("K-");
      assertThat(allocation.getMap("$")).doesNotContainKey("arm");
      siteOf.put(code, site);
      nameOf.put(code, name);
      (site.equals(SF) ? sfCodes : bosCodes).add(code);
    }
    // Another site's participant is not there for a coordinator.
    as("coordinator.sf")
        .when()
        .get("/api/recruitment/participants/" + bosCodes.get(0))
        .then()
        .statusCode(404);
    as("coordinator.bos")
        .contentType("application/json")
        .body(Map.of("status", "IN_TREATMENT"))
        .when()
        .post("/api/recruitment/participants/" + sfCodes.get(0) + "/status")
        .then()
        .statusCode(404);
    as("coordinator.sf")
        .queryParam("siteCode", SF)
        .queryParam("trialId", trialId)
        .queryParam("status", "RANDOMIZED")
        .when()
        .get("/api/recruitment/participants")
        .then()
        .statusCode(200)
        .body("total", equalTo(PER_SITE));
  }

  @Test
  @Order(4)
  void everyRandomizedParticipantGetsOneScheduleInSessionService() {
    for (var code : siteOf.keySet()) {
      var schedule = Scenario.awaitSchedule(by(coordinatorOf(siteOf.get(code))), code);
      assertThat(schedule.getInt("total")).as(code).isEqualTo(36);
      assertThat(schedule.<String>getList("items.siteCode")).containsOnly(siteOf.get(code));
    }
    // Exactly once: one schedule per participant in session-service's database.
    for (var code : siteOf.keySet()) {
      assertThat(
              Scenario.count(
                  platform,
                  "session",
                  "select count(*) from protocol_session where participant_code = ?",
                  code))
          .isEqualTo(36);
    }
    // Another site's therapist does not see it.
    as("therapist.bos1")
        .when()
        .get("/api/sessions/participants/" + sfCodes.get(0) + "/schedule")
        .then()
        .statusCode(404);
  }

  // ---------------------------------------------------------------- dosing

  /** Check-in and pre-dose checks of a booked dosing session. */
  private static void checkInAndPass(String sessionId) {
    as("therapist.sf1")
        .when()
        .post("/api/sessions/visits/" + sessionId + "/check-in")
        .then()
        .statusCode(200)
        .body("status", equalTo("CHECKED_IN"));
    as("therapist.sf1")
        .contentType("application/json")
        .body(Scenario.passingPreDoseChecks())
        .when()
        .post("/api/sessions/visits/" + sessionId + "/pre-dose-checks")
        .then()
        .statusCode(200)
        .body("status", equalTo("PRE_DOSE_CHECKS_PASSED"));
  }

  @Test
  @Order(5)
  void dosingSessionsRunWithInitialAndSupplementalDoses() {
    Scenario.receiveKits(as("pharmacist.sf"), by("pharmacist.sf"), trialId, sfCodes);
    for (int i = 0; i < 2; i++) {
      var code = sfCodes.get(i);
      var schedule = Scenario.schedule(as("coordinator.sf"), code);
      var session = Scenario.experimentalSession(schedule, 1);
      Scenario.bookDosing(
          by("coordinator.sf"),
          schedule,
          session,
          "Dosing room " + (i + 1),
          List.of("therapist.sf1", "therapist.sf2"));
      checkInAndPass(session);

      // A dose cannot be dated before the pre-dose checks that allowed it.
      as("therapist.sf1")
          .contentType("application/json")
          .body(Scenario.dose(80, false, Instant.now().minus(Duration.ofMinutes(100))))
          .when()
          .post("/api/sessions/visits/" + session + "/doses")
          .then()
          .statusCode(422)
          .body("code", equalTo("SES-0422-DOSE-TIME"));
      var initialAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      // MAPP: the first experimental session starts at 80 mg; 120 mg is refused.
      as("therapist.sf1")
          .contentType("application/json")
          .body(Scenario.dose(120, false, initialAt))
          .when()
          .post("/api/sessions/visits/" + session + "/doses")
          .then()
          .statusCode(422)
          .body("code", equalTo("SES-0422-DOSE"));
      as("therapist.sf1")
          .contentType("application/json")
          .body(Scenario.dose(80, false, initialAt))
          .when()
          .post("/api/sessions/visits/" + session + "/doses")
          .then()
          .statusCode(201)
          .body("mgHcl", equalTo(80.0f))
          .body("kitCode", org.hamcrest.Matchers.startsWith("K-"))
          .body("$", not(org.hamcrest.Matchers.hasKey("arm")));
      // The supplemental dose is half the initial one: 60 mg is refused.
      as("therapist.sf1")
          .contentType("application/json")
          .body(Scenario.dose(60, true, Instant.now()))
          .when()
          .post("/api/sessions/visits/" + session + "/doses")
          .then()
          .statusCode(422)
          .body("violations.field", hasItem("mgHcl"));
      if (i == 0) {
        as("therapist.sf2")
            .contentType("application/json")
            .body(Scenario.dose(40, true, Instant.now()))
            .when()
            .post("/api/sessions/visits/" + session + "/doses")
            .then()
            .statusCode(201)
            .body("supplemental", equalTo(true));
      } else {
        supplementalAtWarnNeedsTheInvestigator(code, session);
      }
      as("therapist.sf1")
          .when()
          .post("/api/sessions/visits/" + session + "/monitoring")
          .then()
          .statusCode(200);
      as("therapist.sf1")
          .when()
          .post("/api/sessions/visits/" + session + "/completion")
          .then()
          .statusCode(200)
          .body("status", equalTo("COMPLETED"));
      as("investigator.sf")
          .when()
          .get("/api/sessions/visits/" + session + "/doses")
          .then()
          .statusCode(200)
          .body("size()", equalTo(2))
          .body("mgHcl", org.hamcrest.Matchers.contains(80.0f, 40.0f));
    }
    // The dose's follow-up contacts reached safety-service: seven for each dosed participant,
    // as the trial's visit template says.
    for (int i = 0; i < 2; i++) {
      var code = sfCodes.get(i);
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  as("investigator.sf")
                      .queryParam("siteCode", SF)
                      .queryParam("participantCode", code)
                      .when()
                      .get("/api/safety/follow-up-contacts")
                      .then()
                      .statusCode(200)
                      .body("total", equalTo(7)));
    }
    positiveEffectsAreAskedForAfterEachDosingSession();
  }

  /**
   * Vitals at a warning level during the session block the supplemental dose unless an investigator
   * confirms it ("unless contraindicated"): the therapist is refused and nothing is written; the
   * investigator's confirmation is stored with the dose.
   */
  private void supplementalAtWarnNeedsTheInvestigator(String code, String session) {
    as("therapist.sf2")
        .contentType("application/json")
        .body(
            Map.of(
                "sessionId",
                session,
                "participantCode",
                code,
                "reading",
                Map.of(
                    "measuredAt",
                    Instant.now().atOffset(ZoneOffset.ofHours(-8)).toString(),
                    "systolic",
                    165,
                    "diastolic",
                    95,
                    "heartRate",
                    96,
                    "sourceKind",
                    "DEVICE",
                    "sourceId",
                    "monitor-2")))
        .when()
        .post("/api/safety/vitals")
        .then()
        .statusCode(201);
    long before =
        Scenario.count(
            platform, "session", "select count(*) from dose where participant_code = ?", code);
    as("therapist.sf2")
        .contentType("application/json")
        .body(Scenario.dose(40, true, Instant.now()))
        .when()
        .post("/api/sessions/visits/" + session + "/doses")
        .then()
        .statusCode(422)
        .body("code", equalTo("SES-0422-VITALS-WARN"))
        .body("detail", org.hamcrest.Matchers.containsString("SYSTOLIC 165"))
        .body("violations.field", hasItem("vitalsConfirmation"));
    var confirmed = new LinkedHashMap<String, Object>(Scenario.dose(40, true, Instant.now()));
    confirmed.put("vitalsConfirmation", Map.of("reason", "BP 165/95 stable, asymptomatic"));
    as("therapist.sf2")
        .contentType("application/json")
        .body(confirmed)
        .when()
        .post("/api/sessions/visits/" + session + "/doses")
        .then()
        .statusCode(403)
        .body("code", equalTo("SES-0403-VITALS-CONFIRMATION"));
    assertThat(
            Scenario.count(
                platform, "session", "select count(*) from dose where participant_code = ?", code))
        .isEqualTo(before);
    as("investigator.sf")
        .contentType("application/json")
        .body(confirmed)
        .when()
        .post("/api/sessions/visits/" + session + "/doses")
        .then()
        .statusCode(201)
        .body("supplemental", equalTo(true))
        .body("vitalsLevel", equalTo("VITALS_WARN"))
        .body("vitalsConfirmedBy", equalTo("investigator.sf"))
        .body("vitalsConfirmationReason", equalTo("BP 165/95 stable, asymptomatic"));
  }

  /**
   * After each dosing session the positive (abuse-related) effects are asked for: every positive
   * answer becomes an adverse event, an unanswered session stays outstanding, and the DSMB counts
   * them per arm.
   */
  private void positiveEffectsAreAskedForAfterEachDosingSession() {
    var first = sfCodes.get(0);
    var second = sfCodes.get(1);
    var firstSession =
        Scenario.experimentalSession(Scenario.schedule(as("coordinator.sf"), first), 1);
    var secondSession =
        Scenario.experimentalSession(Scenario.schedule(as("coordinator.sf"), second), 1);
    // The pre-dose vitals were stored at safety-service as readings of the session.
    as("investigator.sf")
        .queryParam("siteCode", SF)
        .queryParam("participantCode", first)
        .when()
        .get("/api/safety/vitals")
        .then()
        .statusCode(200)
        .body("items.find { it.sourceKind == 'STAFF' }.systolic", equalTo(128))
        .body("items.find { it.sourceKind == 'STAFF' }.sessionId", equalTo(firstSession));
    var asked = Instant.now().atOffset(ZoneOffset.UTC);
    var answers = new ArrayList<Map<String, Object>>();
    for (var effect :
        List.of(
            "EUPHORIC_MOOD",
            "ELEVATED_MOOD",
            "FEELING_HIGH",
            "DRUG_LIKING",
            "DESIRE_TO_TAKE_AGAIN",
            "FEELING_OF_RELAXATION")) {
      var answer = new LinkedHashMap<String, Object>();
      answer.put("effect", effect);
      boolean present = effect.equals("EUPHORIC_MOOD") || effect.equals("DRUG_LIKING");
      answer.put("present", present);
      if (present) {
        answer.put("grade", 1);
        answer.put("onset", asked.minusHours(4).toString());
        answer.put("relatedness", "PROBABLE");
        answer.put("expected", true);
        answer.put("outcome", "RECOVERED");
      }
      answers.add(answer);
    }
    var checklist =
        Map.of("sessionId", firstSession, "askedAt", asked.toString(), "answers", answers);
    // A coordinator does not ask; another site's therapist does not find the session.
    as("coordinator.sf")
        .contentType("application/json")
        .body(checklist)
        .when()
        .post("/api/safety/positive-effects-checklists")
        .then()
        .statusCode(403);
    as("therapist.bos1")
        .contentType("application/json")
        .body(checklist)
        .when()
        .post("/api/safety/positive-effects-checklists")
        .then()
        .statusCode(404);
    // Every effect must be answered.
    as("therapist.sf1")
        .contentType("application/json")
        .body(
            Map.of(
                "sessionId",
                firstSession,
                "askedAt",
                asked.toString(),
                "answers",
                answers.subList(1, answers.size())))
        .when()
        .post("/api/safety/positive-effects-checklists")
        .then()
        .statusCode(422)
        .body("code", equalTo("SAF-0422-CHECKLIST"));
    as("therapist.sf1")
        .contentType("application/json")
        .body(checklist)
        .when()
        .post("/api/safety/positive-effects-checklists")
        .then()
        .statusCode(201)
        .body("participantCode", equalTo(first));
    as("therapist.sf1")
        .contentType("application/json")
        .body(checklist)
        .when()
        .post("/api/safety/positive-effects-checklists")
        .then()
        .statusCode(409);
    as("investigator.sf")
        .queryParam("siteCode", SF)
        .queryParam("participantCode", first)
        .when()
        .get("/api/safety/adverse-events")
        .then()
        .statusCode(200)
        .body("items.term", hasItem("euphoric mood"))
        .body("items.term", hasItem("drug liking"))
        .body(
            "items.findAll { it.categories.contains('POSITIVE_ABUSE_RELATED') }.size()",
            equalTo(2));
    as("investigator.sf")
        .queryParam("siteCode", SF)
        .queryParam("participantCode", second)
        .when()
        .get("/api/safety/positive-effects-checklists/outstanding")
        .then()
        .statusCode(200)
        .body("items.sessionId", hasItem(secondSession));
    // The DSMB sees them per arm, with their denominators; the sponsor sees no arm.
    var summary =
        as("dsmb.chair")
            .when()
            .get("/api/safety/trials/" + trialId + "/safety-summary")
            .then()
            .statusCode(200)
            .body("grouping", equalTo("ARM"))
            .extract()
            .jsonPath();
    assertThat(summary.<Integer>getList("groups.positiveAbuseRelated.events"))
        .as("positive events per arm")
        .satisfies(
            events -> assertThat(events.stream().mapToInt(Integer::intValue).sum()).isEqualTo(2));
    assertThat(summary.<Integer>getList("groups.dosed"))
        .satisfies(
            dosed -> assertThat(dosed.stream().mapToInt(Integer::intValue).sum()).isEqualTo(2));
    assertThat(summary.<Integer>getList("groups.randomized"))
        .satisfies(
            randomized ->
                assertThat(randomized.stream().mapToInt(Integer::intValue).sum())
                    .isEqualTo(2 * PER_SITE));
    as("sponsor.maps")
        .when()
        .get("/api/safety/trials/" + trialId + "/safety-summary")
        .then()
        .statusCode(200)
        .body("grouping", not(equalTo("ARM")))
        .body("groups.group", not(hasItem("MDMA")))
        .body("groups.group", not(hasItem("PLACEBO")));
  }

  @Test
  @Order(6)
  void laterExperimentalSessionsFollowInOrderAndSpacingOrWithASignedDeviation() {
    var code = sfCodes.get(0);
    var schedule = Scenario.schedule(as("coordinator.sf"), code);
    var second = Scenario.experimentalSession(schedule, 2);
    var third = Scenario.experimentalSession(schedule, 3);
    // Session 1's dose re-anchored the next window: 21 to 35 days after it, at the site.
    var dosedOn = java.time.LocalDate.now(java.time.ZoneId.of("America/Los_Angeles"));
    assertThat(schedule.getString("items.find { it.id == '" + second + "' }.windowStart"))
        .isIn(dosedOn.plusDays(21).toString(), dosedOn.plusDays(20).toString());
    Scenario.bookDosing(
        by("coordinator.sf"),
        schedule,
        second,
        "Dosing room 1",
        List.of("therapist.sf1", "therapist.sf2"));
    Scenario.bookDosing(
        by("coordinator.sf"),
        schedule,
        third,
        "Dosing room 1",
        List.of("therapist.sf1", "therapist.sf2"));
    checkInAndPass(second);
    checkInAndPass(third);
    long before = dosesOf(code);

    // Session 3 before session 2 is completed: refused, nothing written.
    as("therapist.sf1")
        .contentType("application/json")
        .body(Scenario.dose(120, false, Instant.now()))
        .when()
        .post("/api/sessions/visits/" + third + "/doses")
        .then()
        .statusCode(422)
        .body("code", equalTo("SES-0422-SEQUENCE"));
    // Session 2 the same day as session 1: outside the 21-35 day spacing.
    as("therapist.sf1")
        .contentType("application/json")
        .body(Scenario.dose(120, false, Instant.now()))
        .when()
        .post("/api/sessions/visits/" + second + "/doses")
        .then()
        .statusCode(422)
        .body("code", equalTo("SES-0422-SPACING"));
    assertThat(dosesOf(code)).isEqualTo(before);

    for (var session : List.of(second, third)) {
      var deviation =
          Map.of(
              "category",
              "DOSE_OUTSIDE_SPACING",
              "reason",
              "scenario compresses the protocol's weeks into minutes; medical monitor agreed",
              "signature",
              Map.of("meaning", "RESPONSIBILITY"));
      as("therapist.sf1")
          .contentType("application/json")
          .body(deviation)
          .when()
          .post("/api/sessions/visits/" + session + "/deviations")
          .then()
          .statusCode(403);
      as("investigator.sf")
          .contentType("application/json")
          .body(deviation)
          .when()
          .post("/api/sessions/visits/" + session + "/deviations")
          .then()
          .statusCode(201)
          .body("signature.signedBy", equalTo("investigator.sf"));
      as("therapist.sf1")
          .contentType("application/json")
          .body(Scenario.dose(120, false, Instant.now()))
          .when()
          .post("/api/sessions/visits/" + session + "/doses")
          .then()
          .statusCode(201);
      as("therapist.sf2")
          .contentType("application/json")
          .body(Scenario.dose(60, true, Instant.now()))
          .when()
          .post("/api/sessions/visits/" + session + "/doses")
          .then()
          .statusCode(201);
      as("therapist.sf1")
          .when()
          .post("/api/sessions/visits/" + session + "/monitoring")
          .then()
          .statusCode(200);
      as("therapist.sf1")
          .when()
          .post("/api/sessions/visits/" + session + "/completion")
          .then()
          .statusCode(200)
          .body("status", equalTo("COMPLETED"));
    }
    assertThat(dosesOf(code)).isEqualTo(before + 4);
    as("investigator.sf")
        .queryParam("siteCode", SF)
        .when()
        .get("/api/sessions/deviations")
        .then()
        .statusCode(200)
        .body(
            "items.findAll { it.participantCode == '" + code + "' }.category",
            org.hamcrest.Matchers.everyItem(equalTo("DOSE_OUTSIDE_SPACING")))
        .body("items.findAll { it.participantCode == '" + code + "' }.size()", equalTo(2));
  }

  private long dosesOf(String code) {
    return Scenario.count(
        platform, "session", "select count(*) from dose where participant_code = ?", code);
  }

  @Test
  @Order(7)
  void aVitalsBreachHoldsTheNextDoseUntilAnInvestigatorLiftsTheHold() {
    heldParticipant = sfCodes.get(2);
    var schedule = Scenario.schedule(as("coordinator.sf"), heldParticipant);
    heldSession = Scenario.experimentalSession(schedule, 1);
    Scenario.bookDosing(
        by("coordinator.sf"),
        schedule,
        heldSession,
        "Dosing room 3",
        List.of("therapist.sf1", "therapist.sf2"));
    checkInAndPass(heldSession);
    heldInitialAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    as("therapist.sf1")
        .contentType("application/json")
        .body(Scenario.dose(80, false, heldInitialAt))
        .when()
        .post("/api/sessions/visits/" + heldSession + "/doses")
        .then()
        .statusCode(201);

    // A critical blood pressure during the session.
    as("therapist.sf2")
        .contentType("application/json")
        .body(
            Map.of(
                "sessionId",
                heldSession,
                "participantCode",
                heldParticipant,
                "reading",
                Map.of(
                    "measuredAt",
                    Instant.now()
                        .minus(Duration.ofMinutes(2))
                        .atOffset(ZoneOffset.ofHours(-8))
                        .toString(),
                    "systolic",
                    186,
                    "diastolic",
                    104,
                    "heartRate",
                    112,
                    "sourceKind",
                    "DEVICE",
                    "sourceId",
                    "monitor-3")))
        .when()
        .post("/api/safety/vitals")
        .then()
        .statusCode(201);
    var hold =
        as("investigator.sf")
            .queryParam("siteCode", SF)
            .queryParam("participantCode", heldParticipant)
            .when()
            .get("/api/safety/holds")
            .then()
            .statusCode(200)
            .body("items.cause", hasItem("CRITICAL_VITALS"))
            .extract()
            .jsonPath()
            .getString("items.find { it.cause == 'CRITICAL_VITALS' && it.active }.id");
    assertThat(hold).isNotNull();
    as("therapist.sf1")
        .queryParam("siteCode", SF)
        .queryParam("participantCode", heldParticipant)
        .when()
        .get("/api/safety/alerts")
        .then()
        .statusCode(200)
        .body("items.level", hasItem("CRITICAL"));

    // The supplemental dose is refused, whether session-service knows the hold yet (its copy)
    // or asks safety-service's gate; nothing is written.
    long dosesBefore = doseRows();
    as("therapist.sf1")
        .contentType("application/json")
        .body(Scenario.dose(40, true, Instant.now()))
        .when()
        .post("/api/sessions/visits/" + heldSession + "/doses")
        .then()
        .statusCode(422)
        .body("code", anyOf(equalTo("SES-0422-HOLD"), equalTo("SES-0422-CLEARANCE")));
    assertThat(doseRows()).isEqualTo(dosesBefore);

    // The blood pressure comes back into range: the episode ends. (Were it still critical, the next
    // critical reading would hold dosing again after the lift, and the supplemental dose would be
    // refused on the current vitals.)
    as("therapist.sf2")
        .contentType("application/json")
        .body(
            Map.of(
                "sessionId",
                heldSession,
                "participantCode",
                heldParticipant,
                "reading",
                Map.of(
                    "measuredAt",
                    Instant.now().atOffset(ZoneOffset.ofHours(-8)).toString(),
                    "systolic",
                    138,
                    "diastolic",
                    88,
                    "heartRate",
                    84,
                    "sourceKind",
                    "DEVICE",
                    "sourceId",
                    "monitor-3")))
        .when()
        .post("/api/safety/vitals")
        .then()
        .statusCode(201);

    // A therapist may not lift it; another site's investigator does not even see it.
    var lift =
        Map.of(
            "reason",
            "BP back to 138/88 for 30 minutes; cardiology consulted",
            "signature",
            Map.of("meaning", "RESPONSIBILITY"));
    as("therapist.sf1")
        .contentType("application/json")
        .body(lift)
        .when()
        .post("/api/safety/holds/" + hold + "/lift")
        .then()
        .statusCode(403);
    as("investigator.bos")
        .contentType("application/json")
        .body(lift)
        .when()
        .post("/api/safety/holds/" + hold + "/lift")
        .then()
        .statusCode(404);
    as("investigator.sf")
        .contentType("application/json")
        .body(lift)
        .when()
        .post("/api/safety/holds/" + hold + "/lift")
        .then()
        .statusCode(200)
        .body("active", equalTo(false))
        .body("liftSignature.meaning", equalTo("RESPONSIBILITY"));

    // Once the lift has reached session-service the supplemental dose is given, still inside its
    // window after the initial one.
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                as("therapist.sf1")
                        .contentType("application/json")
                        .body(Scenario.dose(40, true, Instant.now()))
                        .when()
                        .post("/api/sessions/visits/" + heldSession + "/doses")
                        .statusCode()
                    == 201);
    assertThat(Duration.between(heldInitialAt, Instant.now()).toMinutes())
        .as("the scenario kept the supplemental window")
        .isLessThanOrEqualTo(120);
    assertThat(doseRows()).isEqualTo(dosesBefore + 1);
  }

  private long doseRows() {
    return Scenario.count(
        platform,
        "session",
        "select count(*) from dose where participant_code = ?",
        heldParticipant);
  }

  @Test
  @Order(8)
  void aSeriousAdverseEventShowsItsExpeditedReportDeadline() {
    var onset = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
    var reported =
        as("investigator.sf")
            .contentType("application/json")
            .body(
                Map.of(
                    "participantCode",
                    heldParticipant,
                    "sessionId",
                    heldSession,
                    "event",
                    Map.of(
                        "term",
                        "Hypertensive urgency",
                        "category",
                        "CARDIOVASCULAR",
                        "onset",
                        onset.toString(),
                        "awareness",
                        onset.plus(Duration.ofMinutes(10)).toString(),
                        "grade",
                        3,
                        "seriousness",
                        List.of("HOSPITALIZATION"),
                        "relatedness",
                        "PROBABLE",
                        "expected",
                        false,
                        "outcome",
                        "RECOVERING",
                        "description",
                        "Admitted overnight for blood pressure control")))
            .when()
            .post("/api/safety/adverse-events")
            .then()
            .statusCode(201)
            .body("serious", equalTo(true))
            .body("expeditedReportRequired", equalTo(true))
            .extract()
            .jsonPath();
    seriousEventId = reported.getString("id");
    // 15 calendar days after the UTC day of awareness (today): not fatal or life-threatening.
    var due = LocalDate.now(ZoneOffset.UTC).plusDays(15).toString();
    assertThat(reported.getString("expeditedReportDue")).isEqualTo(due);
    as("investigator.sf")
        .when()
        .get("/api/safety/trials/" + trialId + "/expedited-reports")
        .then()
        .statusCode(200)
        .body("items.find { it.id == '" + seriousEventId + "' }.expeditedReportDue", equalTo(due));
    // Boston's investigator does not see San Francisco's report.
    as("investigator.bos")
        .when()
        .get("/api/safety/trials/" + trialId + "/expedited-reports")
        .then()
        .statusCode(200)
        .body("items.id", not(hasItem(seriousEventId)));
    // The serious event holds further dosing.
    as("investigator.sf")
        .queryParam("siteCode", SF)
        .queryParam("participantCode", heldParticipant)
        .when()
        .get("/api/safety/holds")
        .then()
        .body("items.findAll { it.active }.cause", hasItem("SERIOUS_ADVERSE_EVENT"));
  }

  // ---------------------------------------------------------------- outcomes

  /** CAPS-5 items with the given total; diagnosed means the DSM-5 rule is met. */
  static Map<String, Integer> caps5(int total, boolean diagnosed) {
    var items =
        List.of(
            "B1", "B2", "B3", "B4", "B5", "C1", "C2", "D1", "D2", "D3", "D4", "D5", "D6", "D7",
            "E1", "E2", "E3", "E4", "E5", "E6");
    var responses = new LinkedHashMap<String, Integer>();
    items.forEach(item -> responses.put(item, 0));
    int left = total;
    if (diagnosed) {
      // One B, one C, two D and two E symptoms at severity 2 meet the rule.
      for (var item : List.of("B1", "C1", "D1", "D2", "E1", "E2")) {
        responses.put(item, 2);
        left -= 2;
      }
      assertThat(left).isNotNegative();
      for (var item : items) {
        int add = Math.min(4 - responses.get(item), left);
        responses.put(item, responses.get(item) + add);
        left -= add;
      }
    } else {
      // Every symptom below severity 2: the rule cannot be met.
      for (var item : items) {
        int add = Math.min(1, left);
        responses.put(item, add);
        left -= add;
      }
    }
    assertThat(left).as("total %d fits the items", total).isZero();
    responses.put("F", 1);
    responses.put("G", 1);
    return responses;
  }

  @Test
  @Order(9)
  void ratersRecordCaps5AtBaselineAndEndpointAndGuessTheArms() {
    int i = 0;
    for (var code : siteOf.keySet()) {
      int baseline = 38 + (i * 7) % 23;
      boolean lost = i % 4 == 0;
      int endpoint = lost ? 4 + i % 12 : Math.max(14, baseline - (i * 11) % 31);
      caps.put(code, new int[] {baseline, endpoint});
      diagnosedAtBaseline.put(code, true);
      diagnosedAtEndpoint.put(code, !lost);
      raterGuess.put(code, List.of("MDMA", "PLACEBO", "DONT_KNOW").get((i * 5) % 3));
      i++;
    }
    for (var code : siteOf.keySet()) {
      var site = siteOf.get(code);
      // outcomes-service learns of participants from ParticipantRandomized.
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  as(raterOf(site))
                          .when()
                          .get("/api/outcomes/participants/" + code + "/assessments")
                          .statusCode()
                      == 200);
      var values = caps.get(code);
      record(raterOf(site), code, "BASELINE", caps5(values[0], true), 201);
      record(
          raterOf(site),
          code,
          "PRIMARY_ENDPOINT",
          caps5(values[1], diagnosedAtEndpoint.get(code)),
          201);
      as(raterOf(site))
          .contentType("application/json")
          .body(
              Map.of(
                  "guesser",
                  "RATER",
                  "timepoint",
                  "PRIMARY_ENDPOINT",
                  "guess",
                  raterGuess.get(code)))
          .when()
          .post("/api/outcomes/participants/" + code + "/allocation-guesses")
          .then()
          .statusCode(201);
    }
    // CAPS-5 is a rater's instrument: the dosing therapist is refused.
    record("therapist.sf1", sfCodes.get(0), "AFTER_SESSION_1", caps5(30, true), 403);
    // A rater at the other site does not find the participant.
    record("rater.bos", sfCodes.get(1), "AFTER_SESSION_1", caps5(30, true), 404);
    // Twice at one timepoint: a conflict.
    record("rater.sf", sfCodes.get(0), "BASELINE", caps5(40, true), 409);
    timepointWindowsAreTheSponsorsAndJudgeTheAssessments();
    aCorrectedSubgroupFactReachesTheStatistics();

    // While the trial is blinded only the DSMB gets indices; the sponsor is refused.
    as("sponsor.maps")
        .queryParam("guesser", "RATER")
        .queryParam("timepoint", "PRIMARY_ENDPOINT")
        .when()
        .get("/api/outcomes/trials/" + trialId + "/blinding-indices")
        .then()
        .statusCode(409);
    as("sponsor.maps")
        .when()
        .get("/api/outcomes/trials/" + trialId + "/statistics")
        .then()
        .statusCode(200)
        .body("byArm", equalTo(false));

    // The unblinded roles: the pharmacist sees the arms of their own site only, the DSMB all of
    // its sponsor's trial, indices included.
    as("pharmacist.sf")
        .when()
        .get("/api/recruitment/trials/" + trialId + "/allocations")
        .then()
        .statusCode(200)
        .body("allocations.size()", equalTo(PER_SITE))
        .body("allocations.siteCode", everyItem(equalTo(SF)));
    as("dsmb.chair")
        .when()
        .get("/api/recruitment/trials/" + trialId + "/allocations")
        .then()
        .statusCode(200)
        .body("allocations.size()", equalTo(2 * PER_SITE));
    var dsmbView =
        as("dsmb.chair")
            .queryParam("guesser", "RATER")
            .queryParam("timepoint", "PRIMARY_ENDPOINT")
            .when()
            .get("/api/outcomes/trials/" + trialId + "/blinding-indices")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(dsmbView.getInt("bang.MDMA.n") + dsmbView.getInt("bang.PLACEBO.n"))
        .isEqualTo(2 * PER_SITE);

    // Another sponsor sees nothing of this trial in any service.
    as("sponsor.northstar")
        .when()
        .get("/api/outcomes/trials/" + trialId + "/statistics")
        .then()
        .statusCode(404);
    as("sponsor.northstar")
        .when()
        .get("/api/safety/trials/" + trialId + "/expedited-reports")
        .then()
        .statusCode(404);

    // What the regulator can read of the trial while it is blinded, disclosures to the
    // pharmacist and the DSMB included (checked for arms with every other answer at the end).
    as("regulator.fda")
        .queryParam("trialId", trialId)
        .queryParam("limit", 1000)
        .when()
        .get("/api/audit")
        .then()
        .statusCode(200)
        .body("items.entityType", hasItem("Allocations"));
    as("regulator.fda")
        .when()
        .get("/api/outcomes/trials/" + trialId + "/statistics")
        .then()
        .statusCode(200)
        .body("byArm", equalTo(false));
  }

  /**
   * A timepoint's window is the sponsor's per-trial setting, audited with its history; an
   * assessment is judged by the window in force when it is read, relative to the participant's
   * first dosing session (dosed today, in step 5).
   */
  private static void timepointWindowsAreTheSponsorsAndJudgeTheAssessments() {
    var window = "/api/outcomes/trials/" + trialId + "/timepoint-windows/AFTER_SESSION_1";
    // Two days after the dose at the earliest: today's assessment is out of its window.
    as("sponsor.maps")
        .contentType("application/json")
        .body(windowOf(14, 2, 21, "Amendment 1: not before the second day after the dose"))
        .when()
        .put(window)
        .then()
        .statusCode(200)
        .body("revision", equalTo(1))
        .body("setBy", equalTo("sponsor.maps"));
    var assessment =
        as("rater.sf")
            .contentType("application/json")
            .body(
                Map.of(
                    "instrument",
                    "CAPS5",
                    "timepoint",
                    "AFTER_SESSION_1",
                    "administeredAt",
                    Instant.now().atOffset(ZoneOffset.ofHours(-8)).toString(),
                    "responses",
                    caps5(30, true)))
            .when()
            .post("/api/outcomes/participants/" + sfCodes.get(0) + "/assessments")
            .then()
            .statusCode(201)
            .extract()
            .<String>path("id");
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                as("rater.sf")
                    .when()
                    .get("/api/outcomes/assessments/" + assessment)
                    .then()
                    .statusCode(200)
                    .body("window.status", equalTo("OUT_OF_WINDOW"))
                    .body("window.windowRevision", equalTo(1)));
    // Only the trial's sponsor sets it, and only a window that makes sense.
    as("investigator.sf")
        .contentType("application/json")
        .body(windowOf(14, 0, 21, "not mine to set"))
        .when()
        .put(window)
        .then()
        .statusCode(403);
    as("sponsor.northstar")
        .contentType("application/json")
        .body(windowOf(14, 0, 21, "not my trial"))
        .when()
        .put(window)
        .then()
        .statusCode(404);
    as("sponsor.maps")
        .contentType("application/json")
        .body(windowOf(14, 20, 21, "inverted"))
        .when()
        .put(window)
        .then()
        .statusCode(422)
        .body("code", equalTo("OUT-0422-WINDOW"))
        .body("violations.field", hasItem("earliestDays"));
    // From the dosing day on: the same assessment, read again, is in its window.
    as("sponsor.maps")
        .contentType("application/json")
        .body(windowOf(14, 0, 21, "Amendment 2: from the dosing day"))
        .when()
        .put(window)
        .then()
        .statusCode(200)
        .body("revision", equalTo(2));
    as("rater.sf")
        .when()
        .get("/api/outcomes/assessments/" + assessment)
        .then()
        .statusCode(200)
        .body("window.status", equalTo("IN_WINDOW"))
        .body("window.windowRevision", equalTo(2));
    as("investigator.sf")
        .when()
        .get(window + "/history")
        .then()
        .statusCode(200)
        .body("total", equalTo(2));
    // Each change is in the audit trail, with its reason.
    as("regulator.fda")
        .queryParam("trialId", trialId)
        .queryParam("entityType", "TrialTimepointWindow")
        .when()
        .get("/api/audit")
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(2))
        .body("items.reason", hasItem("Amendment 2: from the dosing day"));
  }

  /**
   * Recruitment-service's correction of a subgroup fact (traumatic brain injury) reaches
   * outcomes-service's statistics; a therapist may not correct it.
   */
  private static void aCorrectedSubgroupFactReachesTheStatistics() {
    var corrected = sfCodes.get(3);
    var correction = Map.of("traumaticBrainInjury", true, "reason", "TBI found in hospital notes");
    as("therapist.sf1")
        .contentType("application/json")
        .body(correction)
        .when()
        .post("/api/recruitment/participants/" + corrected + "/characteristics")
        .then()
        .statusCode(403);
    as("coordinator.sf")
        .contentType("application/json")
        .body(correction)
        .when()
        .post("/api/recruitment/participants/" + corrected + "/characteristics")
        .then()
        .statusCode(200);
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                as("sponsor.maps")
                    .queryParam("subgroup", "traumaticBrainInjury")
                    .queryParam("timepoint", "BASELINE")
                    .when()
                    .get("/api/outcomes/trials/" + trialId + "/statistics")
                    .then()
                    .statusCode(200)
                    .body("subgroups.find { it.value == 'true' }.participants", equalTo(1))
                    .body(
                        "subgroups.find { it.value == 'true' }.timepoints[0].groups.POOLED.score.mean",
                        equalTo((float) caps.get(corrected)[0])));
  }

  private static Map<String, Object> windowOf(int target, int earliest, int latest, String why) {
    return Map.of(
        "targetDays", target, "earliestDays", earliest, "latestDays", latest, "reason", why);
  }

  private static void record(
      String rater, String code, String timepoint, Map<String, Integer> responses, int status) {
    as(rater)
        .contentType("application/json")
        .body(
            Map.of(
                "instrument",
                "CAPS5",
                "timepoint",
                timepoint,
                "administeredAt",
                Instant.now().atOffset(ZoneOffset.ofHours(-5)).toString(),
                "responses",
                responses))
        .when()
        .post("/api/outcomes/participants/" + code + "/assessments")
        .then()
        .statusCode(status);
  }

  // ---------------------------------------------------------------- unblinding

  private static Map<String, String> arms;

  // Statistics are compared to 1e-9: read numbers as doubles, not REST Assured's default floats.
  private static final JsonPathConfig DOUBLES =
      JsonPathConfig.jsonPathConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE);

  @Test
  @Order(10)
  void afterUnblindingStatisticsAndBlindingIndicesMatchTheEnteredData() {
    // Before unblinding the regulator is refused the arms.
    as("regulator.fda")
        .when()
        .get("/api/recruitment/trials/" + trialId + "/allocations")
        .then()
        .statusCode(403);
    // Before unblinding the sponsor sees pooled statistics only.
    as("sponsor.maps")
        .when()
        .get("/api/outcomes/trials/" + trialId + "/statistics")
        .then()
        .statusCode(200)
        .body("byArm", equalTo(false));
    var unblindingRequests = "/api/recruitment/trials/" + trialId + "/unblinding-requests";
    var request =
        Map.of(
            "grounds",
            "DATA_LOCK",
            "reason",
            "Primary endpoint reached for every participant; primary analysis",
            "signature",
            Map.of("meaning", "AUTHORSHIP"));
    // A sponsor alone can never unblind: not before the database lock...
    as("sponsor.maps")
        .contentType("application/json")
        .body(request)
        .when()
        .post(unblindingRequests)
        .then()
        .statusCode(422)
        .body("code", equalTo("REC-0422-DATA-NOT-LOCKED"));
    // ...which the sponsor signs in outcomes-service once every primary endpoint is in.
    as("sponsor.maps")
        .contentType("application/json")
        .body(
            Map.of(
                "reason",
                "Last participant's primary endpoint recorded; data cleaned",
                "signature",
                Map.of("meaning", "APPROVAL")))
        .when()
        .post("/api/outcomes/trials/" + trialId + "/data-lock")
        .then()
        .statusCode(201)
        .body("locked", equalTo(true))
        .body("signature.signerUsername", equalTo("sponsor.maps"));
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                as("sponsor.maps")
                        .when()
                        .get("/api/recruitment/trials/" + trialId)
                        .then()
                        .extract()
                        .path("outcomeDataLockedAt")
                    != null);
    String requestId =
        as("sponsor.maps")
            .contentType("application/json")
            .body(request)
            .when()
            .post(unblindingRequests)
            .then()
            .statusCode(201)
            .body("status", equalTo("REQUESTED"))
            .extract()
            .path("id");
    // ...nor approve their own request: a second person in an unblinded role does.
    as("sponsor.maps")
        .contentType("application/json")
        .body(Map.of("signature", Map.of("meaning", "APPROVAL")))
        .when()
        .post(unblindingRequests + "/" + requestId + "/approval")
        .then()
        .statusCode(403);
    as("regulator.fda")
        .when()
        .get("/api/recruitment/trials/" + trialId + "/allocations")
        .then()
        .statusCode(403);
    as("dsmb.chair")
        .contentType("application/json")
        .body(Map.of("signature", Map.of("meaning", "APPROVAL")))
        .when()
        .post(unblindingRequests + "/" + requestId + "/approval")
        .then()
        .statusCode(200)
        .body("status", equalTo("APPROVED"))
        .body("requestSignature.signerUsername", equalTo("sponsor.maps"))
        .body("decisionSignature.signerUsername", equalTo("dsmb.chair"));
    rec.phase("unblinded");
    as("sponsor.maps")
        .contentType("application/json")
        .body(request)
        .when()
        .post(unblindingRequests)
        .then()
        .statusCode(409);
    // The locked data take no more writes.
    var someone = siteOf.keySet().iterator().next();
    as(raterOf(siteOf.get(someone)))
        .contentType("application/json")
        .body(Map.of("guesser", "RATER", "timepoint", "AFTER_SESSION_1", "guess", "MDMA"))
        .when()
        .post("/api/outcomes/participants/" + someone + "/allocation-guesses")
        .then()
        .statusCode(409)
        .body("code", equalTo("OUT-0409-LOCKED"));

    var disclosed =
        as("regulator.fda")
            .when()
            .get("/api/recruitment/trials/" + trialId + "/allocations")
            .then()
            .statusCode(200)
            .body("disclosed", equalTo(true))
            .extract()
            .jsonPath();
    arms = new HashMap<>();
    for (var code : siteOf.keySet()) {
      var arm =
          disclosed.getString("allocations.find { it.participantCode == '" + code + "' }.arm");
      assertThat(arm).as(code).isIn("MDMA", "PLACEBO");
      arms.put(code, arm);
    }
    assertThat(arms.values()).contains("MDMA", "PLACEBO");

    // Response and remission are the trial's settings (DOMAIN: a 10-point drop; remission at 11
    // or less), set by its sponsor: without them statistics say the results are not available.
    as("sponsor.maps")
        .contentType("application/json")
        .body(
            Map.of(
                "responseMinDrop", 10, "remissionMaxTotal", 11, "reason", "protocol section 9.4"))
        .when()
        .put("/api/outcomes/trials/" + trialId + "/outcome-rules/CAPS5")
        .then()
        .statusCode(200);
    // outcomes-service learns of the unblinding from TrialUnblinded.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                as("regulator.fda")
                        .when()
                        .get("/api/outcomes/trials/" + trialId + "/statistics")
                        .then()
                        .extract()
                        .path("byArm")
                    == Boolean.TRUE);
    // Only now does the sponsor see statistics by arm.
    as("sponsor.maps")
        .when()
        .get("/api/outcomes/trials/" + trialId + "/statistics")
        .then()
        .statusCode(200)
        .body("byArm", equalTo(true));
    var stats =
        as("regulator.fda")
            .queryParam("timepoint", "PRIMARY_ENDPOINT")
            .when()
            .get("/api/outcomes/trials/" + trialId + "/statistics")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .using(DOUBLES);
    var at = "timepoints.find { it.timepoint == 'PRIMARY_ENDPOINT' }";
    var expected = new HashMap<String, Expected>();
    for (var arm : List.of("MDMA", "PLACEBO")) {
      var group = Expected.of(arm, arms, caps, diagnosedAtEndpoint);
      expected.put(arm, group);
      var g = at + ".groups." + arm;
      assertThat(stats.getInt(g + ".score.n")).as(arm).isEqualTo(group.n);
      assertThat(stats.getDouble(g + ".score.mean")).isCloseTo(group.meanScore, within(1e-9));
      assertThat(stats.getDouble(g + ".score.sd")).isCloseTo(group.sdScore, within(1e-9));
      assertThat(stats.getDouble(g + ".change.mean")).isCloseTo(group.meanChange, within(1e-9));
      assertThat(stats.getDouble(g + ".change.sd")).isCloseTo(group.sdChange, within(1e-9));
      assertThat(stats.getInt(g + ".responders.count")).isEqualTo(group.responders);
      assertThat(stats.getInt(g + ".responders.of")).isEqualTo(group.n);
      assertThat(stats.getInt(g + ".lossOfDiagnosis.count")).isEqualTo(group.lost);
      assertThat(stats.getInt(g + ".remission.count")).isEqualTo(group.remitted);
    }
    var mdma = expected.get("MDMA");
    var placebo = expected.get("PLACEBO");
    double pooled =
        Math.sqrt(
            ((mdma.n - 1) * mdma.sdChange * mdma.sdChange
                    + (placebo.n - 1) * placebo.sdChange * placebo.sdChange)
                / (mdma.n + placebo.n - 2));
    double d = (placebo.meanChange - mdma.meanChange) / pooled;
    assertThat(stats.getDouble(at + ".changeEffect.d")).isCloseTo(d, within(1e-9));
    // Hedges' g beside it: d corrected for the small sample.
    double j = 1.0 - 3.0 / (4.0 * (mdma.n + placebo.n) - 9.0);
    assertThat(stats.getDouble(at + ".changeEffect.hedgesG")).isCloseTo(j * d, within(1e-9));

    // Blinding of the raters: Bang per arm and James overall from the guesses entered here.
    var report =
        as("regulator.fda")
            .queryParam("guesser", "RATER")
            .queryParam("timepoint", "PRIMARY_ENDPOINT")
            .when()
            .get("/api/outcomes/trials/" + trialId + "/blinding-indices")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .using(DOUBLES);
    long[][] table = new long[3][2]; // guess MDMA/PLACEBO/DONT_KNOW × arm MDMA/PLACEBO
    var rows = List.of("MDMA", "PLACEBO", "DONT_KNOW");
    for (var code : siteOf.keySet()) {
      table[rows.indexOf(raterGuess.get(code))][arms.get(code).equals("MDMA") ? 0 : 1]++;
    }
    for (int arm = 0; arm < 2; arm++) {
      long n = table[0][arm] + table[1][arm] + table[2][arm];
      long correct = table[arm][arm];
      long wrong = table[1 - arm][arm];
      var name = arm == 0 ? "MDMA" : "PLACEBO";
      assertThat(report.getLong("bang." + name + ".n")).isEqualTo(n);
      assertThat(report.getDouble("bang." + name + ".index"))
          .isCloseTo((double) (correct - wrong) / n, within(1e-9));
    }
    assertThat(report.getDouble("james.index")).isCloseTo(james(table), within(1e-9));
  }

  /** James' index (1996) of the 3×2 table, as DOMAIN.md defines it. */
  static double james(long[][] counts) {
    double n = 0;
    for (var row : counts) {
      for (var cell : row) {
        n += cell;
      }
    }
    double[][] p = new double[3][2];
    double[] row = new double[3];
    double[] col = new double[2];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 2; j++) {
        p[i][j] = counts[i][j] / n;
        row[i] += p[i][j];
        col[j] += p[i][j];
      }
    }
    double pdk = row[2];
    double q = 1 - pdk;
    // Disagreement weights: 0 for a correct guess, 0.5 for a wrong one.
    double observed = 0.5 * (p[0][1] + p[1][0]) / q;
    double expected = 0.5 * (row[0] * (col[1] - p[2][1]) + row[1] * (col[0] - p[2][0])) / (q * q);
    double kd = (observed - expected) / expected;
    return (1 + pdk + q * kd) / 2;
  }

  /** What one arm's statistics must be, from the totals entered. */
  private record Expected(
      int n,
      double meanScore,
      double sdScore,
      double meanChange,
      double sdChange,
      int responders,
      int lost,
      int remitted) {

    static Expected of(
        String arm,
        Map<String, String> arms,
        Map<String, int[]> caps,
        Map<String, Boolean> diagnosedAtEndpoint) {
      var scores = new ArrayList<Double>();
      var changes = new ArrayList<Double>();
      int responders = 0;
      int lost = 0;
      int remitted = 0;
      for (var entry : arms.entrySet()) {
        if (!entry.getValue().equals(arm)) {
          continue;
        }
        var values = caps.get(entry.getKey());
        scores.add((double) values[1]);
        changes.add((double) (values[1] - values[0]));
        if (values[0] - values[1] >= 10) {
          responders++;
        }
        if (!diagnosedAtEndpoint.get(entry.getKey())) {
          lost++;
          if (values[1] <= 11) {
            remitted++;
          }
        }
      }
      return new Expected(
          scores.size(),
          mean(scores),
          sd(scores),
          mean(changes),
          sd(changes),
          responders,
          lost,
          remitted);
    }

    static double mean(List<Double> values) {
      return values.stream().mapToDouble(Double::doubleValue).sum() / values.size();
    }

    static double sd(List<Double> values) {
      double m = mean(values);
      double squares = values.stream().mapToDouble(v -> (v - m) * (v - m)).sum();
      return Math.sqrt(squares / (values.size() - 1));
    }
  }

  // ---------------------------------------------------------------- audit

  @Test
  @Order(11)
  void theRegulatorFindsEveryStepInTheAuditTrailAcrossServicesAndItVerifies() {
    // The whole trial's trail, page by page (keyset), without gaps or repeats.
    var entries = new ArrayList<Map<String, Object>>();
    var seen = new HashSet<String>();
    String cursor = null;
    int pages = 0;
    do {
      var spec = as("regulator.fda").queryParam("trialId", trialId).queryParam("limit", 200);
      if (cursor != null) {
        spec.queryParam("cursor", cursor);
      }
      var page =
          spec.when()
              .get("/api/audit")
              .then()
              .statusCode(200)
              .body("paging", equalTo("keyset"))
              .extract()
              .jsonPath();
      List<Map<String, Object>> items = page.getList("items");
      for (var item : items) {
        assertThat(seen.add(item.get("service") + ":" + item.get("seq")))
            .as("entry %s:%s given once", item.get("service"), item.get("seq"))
            .isTrue();
        assertThat(item.get("trialId")).isEqualTo(trialId);
      }
      entries.addAll(items);
      cursor = page.getString("nextCursor");
      pages++;
    } while (cursor != null && pages < 100);
    assertThat(pages).as("the trail spans several pages").isGreaterThan(1);

    // Every step of the scenario, in the service that owns it.
    assertStep(entries, "recruitment", "Trial", null);
    assertStep(entries, "recruitment", "RecruitmentCall", null);
    assertStep(entries, "recruitment", "PreScreen", null);
    for (var code : siteOf.keySet()) {
      assertStep(entries, "recruitment", "Participant", code);
      assertStep(entries, "sessions", null, code);
      assertStep(entries, "outcomes", "Assessment", code);
    }
    assertStep(entries, "sessions", "Dose", heldParticipant);
    assertStep(entries, "sessions", "PreDoseCheck", heldParticipant);
    assertStep(entries, "safety", "DosingHold", heldParticipant);
    assertStep(entries, "safety", "AdverseEvent", heldParticipant);
    // Pre-screens are audited as anonymous.
    assertThat(
            entries.stream()
                .filter(e -> "PreScreen".equals(e.get("entityType")))
                .map(e -> e.get("actor"))
                .distinct())
        .containsExactly("anonymous");

    // Filters narrow the trail in every service.
    as("regulator.fda")
        .queryParam("participantCode", heldParticipant)
        .queryParam("entityType", "Dose")
        .when()
        .get("/api/audit")
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(2))
        .body("items.service", everyItem(equalTo("sessions")))
        .body("items.participantCode", everyItem(equalTo(heldParticipant)));
    as("regulator.fda")
        .queryParam("actor", "investigator.sf")
        .queryParam("trialId", trialId)
        .queryParam("from", scenarioStart.toString())
        .when()
        .get("/api/audit")
        .then()
        .statusCode(200)
        .body("items.actor", everyItem(equalTo("investigator.sf")))
        .body("items.service", hasItem("safety"))
        .body("items.service", hasItem("recruitment"));
    as("regulator.fda").queryParam("limit", 0).when().get("/api/audit").then().statusCode(400);
    as("regulator.fda")
        .when()
        .get("/api/audit/verify")
        .then()
        .statusCode(200)
        .body("intact", equalTo(true))
        .body("services.status", everyItem(equalTo("INTACT")))
        .body("services.size()", equalTo(4));
    // Read-only, and the regulator only.
    as("regulator.fda").when().delete("/api/audit").then().statusCode(405);
    as("sponsor.maps").when().get("/api/audit").then().statusCode(403);
  }

  private static void assertStep(
      List<Map<String, Object>> entries, String service, String entityType, String participant) {
    assertThat(
            entries.stream()
                .filter(e -> service.equals(e.get("service")))
                .filter(e -> entityType == null || entityType.equals(e.get("entityType")))
                .filter(e -> participant == null || participant.equals(e.get("participantCode"))))
        .as("%s audits %s for %s", service, entityType, participant)
        .isNotEmpty();
  }

  // ---------------------------------------------------------------- access

  private static final Set<String> BLINDED_ALWAYS =
      Set.of(
          "anonymous",
          "coordinator.sf",
          "coordinator.bos",
          "investigator.sf",
          "investigator.bos",
          "therapist.sf1",
          "therapist.sf2",
          "therapist.bos1",
          "rater.sf",
          "rater.bos");

  @Test
  @Order(12)
  void noRoleSawWhatItMustNever() {
    assertThat(rec.size()).isGreaterThan(300);
    var leaks = new ArrayList<String>();
    for (var exchange : rec.of(e -> true)) {
      var user = exchange.user();
      var body = exchange.body();
      // Arms: blinded roles never; the sponsor and the regulator not before unblinding.
      boolean blinded =
          BLINDED_ALWAYS.contains(user)
              || (Set.of("sponsor.maps", "sponsor.northstar", "regulator.fda").contains(user)
                  && exchange.phase().equals("blinded"));
      if (blinded) {
        Recorder.armsIn(body).forEach(where -> leaks.add(exchange + ": arm at " + where));
      }
      // Other sites' participants: site staff see their own site's codes only.
      String ownSite = user.endsWith(".sf") || user.matches("therapist\\.sf\\d") ? SF : null;
      if (user.endsWith(".bos") || user.matches("therapist\\.bos\\d")) {
        ownSite = BOS;
      }
      if (ownSite != null) {
        for (var entry : siteOf.entrySet()) {
          // A refusal may repeat the code the caller sent; anything else is a leak.
          if (!entry.getValue().equals(ownSite)
              && body.contains(entry.getKey())
              && !exchange.path().contains(entry.getKey())) {
            leaks.add(exchange + ": another site's participant " + entry.getKey());
          }
        }
      }
      // Names and contact details stay with the site staff of recruitment-service.
      boolean mayKnowNames =
          (user.startsWith("coordinator.") || user.startsWith("investigator."))
              && exchange.path().startsWith("/api/recruitment/");
      if (!mayKnowNames) {
        for (var name : nameOf.values()) {
          if (body.contains(name) || body.contains(name.toLowerCase().replace(' ', '.'))) {
            leaks.add(exchange + ": a participant's name or e-mail");
          }
        }
      }
    }
    assertThat(leaks).isEmpty();
    // The checks above looked at real answers of every kind.
    assertThat(rec.of(e -> e.user().equals("regulator.fda") && e.phase().equals("unblinded")))
        .anySatisfy(e -> assertThat(Recorder.armsIn(e.body())).isNotEmpty());
    assertThat(rec.of(e -> e.user().startsWith("rater.") && e.status() == 201))
        .hasSizeGreaterThan(40);
    // The candidates, and the two who left the pregnancy question unanswered (step 2).
    assertThat(rec.of(e -> e.user().equals("anonymous") && e.status() == 201))
        .hasSize(CANDIDATES + 2);
  }
}

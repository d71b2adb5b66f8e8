package org.mdmaat.benchmarks;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.HdrHistogram.Histogram;

/**
 * P3: a critical vital reading to the moment session-service refuses the dose. Each run has a
 * participant of its own, made ready for dosing session 1 through the gateway as a site would
 * (enrolled, randomized, kit received, booked, checked in, pre-dose checks passed); then the
 * critical reading is posted and the site tries to dose until the answer is the hold's refusal.
 *
 * <p>No dose is ever recorded: every attempt asks for {@value #NEVER_A_DOSE} mg HCl, which no
 * regimen allows. session-service checks holds (its own copy, then safety-service's clearance)
 * before the regimen, so an attempt before the hold is refused by the regimen ({@code
 * SES-0422-DOSE}) and one after it by the hold ({@code SES-0422-HOLD} or {@code
 * SES-0422-CLEARANCE}); an attempt can never be the dose. The session is aborted after each run, so
 * the next participant can book the same therapists.
 */
final class DoseRefusal {
  /** What every dose attempt asks for: below any regimen's dose, so never recorded. */
  static final double NEVER_A_DOSE = 0.01;

  /** The answers that mean the dose was refused because of the hold. */
  static final Set<String> HOLD_REFUSALS = Set.of("SES-0422-HOLD", "SES-0422-CLEARANCE");

  /**
   * Systolic at or above 180 mmHg is critical (DOMAIN.md; the default limits of safety-service).
   */
  static final int CRITICAL_SYSTOLIC = 186;

  static final String SITE = "US-SF-01";

  private final Api api;

  /** What the runs saw. */
  record Result(
      LatencySummary latency,
      int runs,
      Map<String, Long> refusals,
      long polls,
      long dosesRecorded,
      String trialId) {}

  DoseRefusal(Api api) {
    this.api = api;
  }

  /** A trial request of sponsor maps at both demo sites (as system-tests' Scenario makes one). */
  static JsonObject trialRequest(String protocolCode, int target) {
    return new JsonObject()
        .put("protocolCode", protocolCode)
        .put("title", "Benchmark trial " + protocolCode)
        .put("phase", "PHASE_3")
        .put("condition", "PTSD")
        .put("targetEnrollment", target)
        .put(
            "sites",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("code", SITE)
                        .put("country", "US")
                        .put("city", "San Francisco")
                        .put("timeZone", "America/Los_Angeles"))
                .add(
                    new JsonObject()
                        .put("code", "US-BOS-02")
                        .put("country", "US")
                        .put("city", "Boston")
                        .put("timeZone", "America/New_York")))
        .put(
            "regimen",
            new JsonObject()
                .put("supplementalEarliestMinutes", 0)
                .put("supplementalLatestMinutes", 120));
  }

  /** The critical reading, measured a second ago. */
  static JsonObject criticalReading(String participant, String session, Instant now) {
    return new JsonObject()
        .put("sessionId", session)
        .put("participantCode", participant)
        .put(
            "reading",
            new JsonObject()
                .put("measuredAt", now.minusSeconds(1).atOffset(ZoneOffset.UTC).toString())
                .put("systolic", CRITICAL_SYSTOLIC)
                .put("diastolic", 80)
                .put("heartRate", 72)
                .put("temperatureC", 36.8)
                .put("spo2", 98)
                .put("sourceKind", "DEVICE")
                .put("sourceId", "bench-monitor-p3"));
  }

  /** The dose attempt: initial, {@link #NEVER_A_DOSE} mg HCl, given now. */
  static JsonObject doseAttempt() {
    return new JsonObject().put("mgHcl", NEVER_A_DOSE).put("supplemental", false);
  }

  /** CAPS-5 responses totalling 44 over the 20 symptom items (qualifies at screening). */
  static JsonObject caps5() {
    String[] items = {
      "B1", "B2", "B3", "B4", "B5", "C1", "C2", "D1", "D2", "D3", "D4", "D5", "D6", "D7", "E1",
      "E2", "E3", "E4", "E5", "E6"
    };
    var responses = new JsonObject();
    for (int i = 0; i < items.length; i++) {
      responses.put(items[i], 44 / 20 + (i < 44 % 20 ? 1 : 0));
    }
    return responses.put("F", 1).put("G", 1);
  }

  /** A recruiting trial of sponsor maps with its screening threshold set; answers its id. */
  String recruitingTrial(String protocolCode, int target) throws Exception {
    var sponsor = api.token("sponsor.maps");
    var id =
        api.post(sponsor, "/api/recruitment/trials", trialRequest(protocolCode, target))
            .expect(201, "creating trial " + protocolCode)
            .json()
            .getValue("id")
            .toString();
    api.post(
            sponsor,
            "/api/recruitment/trials/" + id + "/status",
            new JsonObject().put("status", "RECRUITING").put("reason", "benchmark"))
        .expect(200, "trial " + id + " recruiting");
    api.put(
            sponsor,
            "/api/recruitment/trials/" + id + "/screening-caps5-threshold",
            new JsonObject().put("minTotal", 28).put("reason", "MAPP2: CAPS-5 total at least 28"))
        .expect(200, "trial " + id + " screening threshold");
    return id;
  }

  Result run(String trialId, int runs) throws Exception {
    var latencies = new Histogram(3);
    var refusals = new TreeMap<String, Long>();
    long polls = 0;
    long doses = 0;
    for (int i = 0; i < runs; i++) {
      var participant = enrolledAndRandomized(trialId, i);
      var session = readyForDosing(participant, i);
      var therapist = api.token("therapist.sf1");
      var dosePath = "/api/sessions/visits/" + session + "/doses";
      // Before the reading the attempt must be refused by the regimen, not by a hold: else the
      // run would measure nothing.
      var before = api.post(therapist, dosePath, doseAttempt());
      for (int retry = 0; retry < 10 && before.status() == 503; retry++) {
        // A peer still warming up (first gRPC calls) answers 503 with nothing recorded.
        Thread.sleep(1_000);
        before = api.post(therapist, dosePath, doseAttempt());
      }
      if (before.status() != 422 || !"SES-0422-DOSE".equals(before.code())) {
        throw new IllegalStateException(
            "P3: the attempt before the reading should be refused by the regimen only: "
                + before.status()
                + " "
                + before.body());
      }
      long started = System.nanoTime();
      api.post(
              therapist, "/api/safety/vitals", criticalReading(participant, session, Instant.now()))
          .expect(201, "P3: posting the critical reading");
      long deadline = started + Duration.ofSeconds(60).toNanos();
      long micros;
      while (true) {
        var attempt = api.post(therapist, dosePath, doseAttempt());
        polls++;
        if (attempt.status() == 201) {
          // Cannot happen (no regimen allows the amount); said loudly if it ever does.
          throw new IllegalStateException("P3: a dose was recorded: " + attempt.body());
        }
        if (attempt.status() == 422 && HOLD_REFUSALS.contains(attempt.code())) {
          micros = Math.max(1, (System.nanoTime() - started) / 1_000);
          latencies.recordValue(micros);
          refusals.merge(attempt.code(), 1L, Long::sum);
          break;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "P3: no hold refusal 60 s after the critical reading; last answer "
                  + attempt.status()
                  + " "
                  + attempt.body());
        }
      }
      doses +=
          count(
              api.get(therapist, "/api/sessions/visits/" + session + "/doses")
                  .expect(200, "P3: the session's doses")
                  .body());
      // Frees the therapists' time for the next run's booking.
      api.post(
              therapist,
              "/api/sessions/visits/" + session + "/abort",
              new JsonObject().put("reason", "benchmark run over"))
          .expect(200, "P3: aborting the session");
      System.out.printf(
          "[benchmark] P3 run %d/%d: refused after %.1f ms%n", i + 1, runs, micros / 1000.0);
    }
    return new Result(LatencySummary.of(latencies), runs, refusals, polls, doses, trialId);
  }

  private String enrolledAndRandomized(String trialId, int i) throws Exception {
    var coordinator = api.token("coordinator.sf");
    var name = "Bench Dose " + UUID.randomUUID().toString().substring(0, 8);
    var candidate =
        new JsonObject()
            .put("trialId", trialId)
            .put("siteCode", SITE)
            .put("fullName", name)
            .put(
                "email",
                "bench.dose." + UUID.randomUUID().toString().substring(0, 8) + "@example.org")
            .put("phone", "+1 415 555 0100")
            .put("weightKg", 72.5)
            .put("sex", "MALE")
            .put("childbearingPotential", false)
            .put("dissociativeSubtype", false)
            .put("veteran", true)
            .put("combatExposure", true)
            .put("traumaticBrainInjury", false);
    var code =
        api.post(coordinator, "/api/recruitment/participants", candidate)
            .expect(201, "P3: registering participant " + i)
            .json()
            .getString("code");
    api.post(
            coordinator,
            "/api/recruitment/participants/" + code + "/consent",
            new JsonObject()
                .put("formVersion", "ICF-2.1")
                .put("consentDate", LocalDate.now(ZoneOffset.UTC).toString()))
        .expect(200, "P3: consent");
    var rater = api.token("rater.sf");
    Api.Answer screening = null;
    for (int attempt = 0; attempt < 60; attempt++) {
      // A peer still warming up answers 503 with nothing stored: tried again.
      screening =
          api.post(
              rater,
              "/api/outcomes/participants/" + code + "/screening-caps5",
              new JsonObject()
                  .put("administeredAt", Instant.now().toString())
                  .put("responses", caps5()));
      if (screening.status() != 503) {
        break;
      }
      Thread.sleep(1_000);
    }
    screening.expect(201, "P3: screening CAPS-5");
    api.post(
            api.signingToken("investigator.sf"),
            "/api/recruitment/participants/" + code + "/eligibility",
            new JsonObject().put("meaning", "APPROVAL"))
        .expect(200, "P3: eligibility");
    api.post(coordinator, "/api/recruitment/participants/" + code + "/enrollment", null)
        .expect(200, "P3: enrollment");
    api.post(coordinator, "/api/recruitment/participants/" + code + "/randomization", null)
        .expect(200, "P3: randomization");
    var pharmacist = api.token("pharmacist.sf");
    var allocations =
        api.get(pharmacist, "/api/recruitment/trials/" + trialId + "/allocations")
            .expect(200, "P3: allocations")
            .json()
            .getJsonArray("allocations");
    for (int a = 0; a < allocations.size(); a++) {
      var allocation = allocations.getJsonObject(a);
      if (code.equals(allocation.getString("participantCode"))) {
        api.post(
                pharmacist,
                "/api/sessions/accountability/" + SITE + "/receipts",
                new JsonObject()
                    .put("kitCode", allocation.getString("kitCode"))
                    .put("content", allocation.getString("arm"))
                    .put("mgHcl", 1000))
            .expect(201, "P3: kit receipt");
      }
    }
    return code;
  }

  /** Books, checks in and passes the pre-dose checks of experimental session 1; its id. */
  private String readyForDosing(String code, int i) throws Exception {
    var coordinator = api.token("coordinator.sf");
    var schedulePath = "/api/sessions/participants/" + code + "/schedule?size=200";
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    Api.Answer schedule = api.get(coordinator, schedulePath);
    while (schedule.status() != 200) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("P3: no schedule for " + code + ": " + schedule.body());
      }
      Thread.sleep(250);
      schedule = api.get(coordinator, schedulePath);
    }
    var items = schedule.json().getJsonArray("items");
    JsonObject session = null;
    for (int s = 0; s < items.size(); s++) {
      var item = items.getJsonObject(s);
      if ("EXPERIMENTAL".equals(item.getString("kind")) && item.getInteger("number") == 1) {
        session = item;
      }
    }
    if (session == null) {
      throw new IllegalStateException("P3: no experimental session 1 in " + schedule.body());
    }
    var id = session.getString("id");
    var zone = ZoneId.of("America/Los_Angeles");
    var slot = LocalDate.parse(session.getString("windowStart")).atTime(8, 0).atZone(zone);
    var windowEnd = LocalDate.parse(session.getString("windowEnd"));
    var room = "Bench P3 room " + i;
    while (true) {
      var booking =
          api.put(
              coordinator,
              "/api/sessions/visits/" + id + "/booking",
              new JsonObject()
                  .put("room", room)
                  .put("startsAt", slot.toOffsetDateTime().toString())
                  .put("endsAt", slot.plusHours(8).toOffsetDateTime().toString())
                  .put("therapists", new JsonArray().add("therapist.sf1").add("therapist.sf2")));
      if (booking.status() == 200) {
        break;
      }
      booking.expect(409, "P3: booking");
      slot = slot.plusHours(8);
      if (slot.toLocalDate().isAfter(windowEnd)) {
        throw new IllegalStateException("P3: no free slot for session " + id);
      }
    }
    var therapist = api.token("therapist.sf1");
    api.post(therapist, "/api/sessions/visits/" + id + "/check-in", null)
        .expect(200, "P3: check-in");
    api.post(
            therapist,
            "/api/sessions/visits/" + id + "/pre-dose-checks",
            new JsonObject()
                .put("abstinenceAttested", true)
                .put("pregnancyTest", "NOT_APPLICABLE")
                .put("systolic", 128)
                .put("diastolic", 82)
                .put("heartRate", 76)
                .put("temperatureC", 36.8)
                .put("cssrsScreen", "NEGATIVE")
                .put("consentCurrent", true))
        .expect(200, "P3: pre-dose checks");
    return id;
  }

  /** The number of doses in a list answer (an array, or a page's {@code items}). */
  static int count(String body) {
    var text = body.strip();
    if (text.startsWith("[")) {
      return new JsonArray(text).size();
    }
    var items = new JsonObject(text).getJsonArray("items");
    return items == null ? 0 : items.size();
  }
}

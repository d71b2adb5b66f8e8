package org.mdmaat.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.mdmaat.devstack.Platform;

/** Steps that several system tests share: calls through the gateway as a demo user. */
final class Scenario {
  static final String SF = "US-SF-01";
  static final String BOS = "US-BOS-02";

  private record CachedToken(String token, Instant until) {}

  // Each user logs in as through the browser (authorization code, prompt=login), so their token
  // says when (auth_time) and can sign. Kept 4 minutes: electronic signatures need a login at most
  // 5 minutes old, and one login per user per 4 minutes spares a login per call.
  private static final Map<String, CachedToken> TOKENS = new ConcurrentHashMap<>();

  private Scenario() {}

  static String token(Platform platform, String user) {
    var cached = TOKENS.get(user);
    if (cached == null || Instant.now().isAfter(cached.until())) {
      cached =
          new CachedToken(
              platform.keycloak().signingToken(user, "demo"),
              Instant.now().plus(Duration.ofMinutes(4)));
      TOKENS.put(user, cached);
    }
    return cached.token();
  }

  static RequestSpecification as(Platform platform, String user) {
    return given().baseUri(platform.gatewayUrl()).auth().oauth2(token(platform, user));
  }

  /**
   * An anonymous caller connecting from its own loopback address (127.0.0.x): the gateway limits
   * anonymous callers per address, and each candidate of a pre-screen comes from their own.
   */
  static RequestSpecification anonymousFrom(Platform platform, int host) {
    InetAddress address;
    try {
      address = InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) host});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
    return given()
        .baseUri(platform.gatewayUrl())
        .config(
            RestAssured.config()
                .httpClient(
                    HttpClientConfig.httpClientConfig()
                        .setParam("http.route.local-address", address)));
  }

  private static String sharedTrial;

  /** One recruiting trial of sponsor "maps" at both demo sites, for tests that need any trial. */
  static synchronized String sharedTrial(Platform platform) {
    if (sharedTrial == null) {
      sharedTrial = recruitingTrial(as(platform, "sponsor.maps"), as(platform, "sponsor.maps"));
    }
    return sharedTrial;
  }

  /**
   * A real participant (enrolled through recruitment-service) of the shared trial at {@code site}:
   * safety- and session-service look participants up in recruitment-service's directory.
   */
  static String realParticipant(Platform platform, String site) {
    return enrolledAt(
        platform, sharedTrial(platform), site, unique("Shared Case").replace('-', ' '));
  }

  /** A participant of {@code trialId} enrolled at {@code site} by that site's own staff. */
  static String enrolledAt(Platform platform, String trialId, String site, String name) {
    var coordinator = site.equals(SF) ? "coordinator.sf" : "coordinator.bos";
    var investigator = site.equals(SF) ? "investigator.sf" : "investigator.bos";
    return enrolled(
        new Users() {
          @Override
          public RequestSpecification coordinator() {
            return as(platform, coordinator);
          }

          @Override
          public RequestSpecification investigator() {
            return as(platform, investigator);
          }
        },
        trialId,
        site,
        name,
        null);
  }

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
  }

  /** An investigator's dosing hold on a participant of the shared trial; answers its URL. */
  static String placeHold(Platform platform, String investigator, String participant, String site) {
    return placeHold(platform, investigator, participant, sharedTrial(platform), site);
  }

  static String placeHold(
      Platform platform, String investigator, String participant, String trialId, String site) {
    return as(platform, investigator)
        .contentType("application/json")
        .body(
            Map.of(
                "participantCode", participant,
                "trialId", trialId,
                "siteCode", site,
                "reason", "systolic 185 mmHg after dosing"))
        .when()
        .post("/api/safety/holds")
        .then()
        .statusCode(201)
        .extract()
        .header("Location");
  }

  // ---------------------------------------------------------------- databases

  /** One number from a service's database (e.g. a row count), read directly. */
  static long count(Platform platform, String database, String sql, Object... params) {
    var postgres = platform.postgres();
    try (var db =
            DriverManager.getConnection(
                postgres.jdbcUrl(database), postgres.username(), postgres.password());
        var st = db.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        st.setObject(i + 1, params[i]);
      }
      try (var rs = st.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Row counts of the given tables, to compare before and after refused requests. */
  static Map<String, Long> rowCounts(Platform platform, String database, List<String> tables) {
    var counts = new LinkedHashMap<String, Long>();
    for (var table : tables) {
      counts.put(table, count(platform, database, "select count(*) from " + table));
    }
    return counts;
  }

  // ---------------------------------------------------------------- trial set-up

  /**
   * A trial at both demo sites with MAPP's regimen and visit template, except that the supplemental
   * dose may follow the initial one at once (0 minutes: a scenario cannot wait 90 minutes, and the
   * dose time may not be back-dated before the pre-dose checks).
   */
  static Map<String, Object> trialRequest(String protocolCode, int target) {
    return trialRequest(
        protocolCode,
        target,
        Map.of("supplementalEarliestMinutes", 0, "supplementalLatestMinutes", 120),
        null);
  }

  /** A trial at both demo sites with the given regimen and visit template (null: MAPP's). */
  static Map<String, Object> trialRequest(
      String protocolCode, int target, Map<String, Object> regimen, Map<String, Object> visits) {
    var body = new LinkedHashMap<String, Object>();
    body.put("protocolCode", protocolCode);
    body.put("title", "MDMA-assisted therapy for PTSD (" + protocolCode + ")");
    body.put("phase", "PHASE_3");
    body.put("condition", "PTSD");
    body.put("targetEnrollment", target);
    body.put(
        "sites",
        List.of(
            Map.of(
                "code",
                SF,
                "country",
                "US",
                "city",
                "San Francisco",
                "timeZone",
                "America/Los_Angeles"),
            Map.of(
                "code", BOS, "country", "US", "city", "Boston", "timeZone", "America/New_York")));
    if (regimen != null) {
      body.put("regimen", regimen);
    }
    if (visits != null) {
      body.put("visitTemplate", visits);
    }
    return body;
  }

  /** A sponsor's new trial at both demo sites, recruiting; answers its id. */
  static String recruitingTrial(RequestSpecification sponsor, RequestSpecification again) {
    return recruitingTrial(sponsor, again, trialRequest(unique("ST"), 20));
  }

  /** A sponsor's new trial from {@code request}, recruiting; answers its id. */
  static String recruitingTrial(
      RequestSpecification sponsor, RequestSpecification again, Map<String, Object> request) {
    var id =
        sponsor
            .contentType("application/json")
            .body(request)
            .when()
            .post("/api/recruitment/trials")
            .then()
            .statusCode(201)
            .extract()
            .path("id")
            .toString();
    again
        .contentType("application/json")
        .body(Map.of("status", "RECRUITING", "reason", "ethics approval received"))
        .when()
        .post("/api/recruitment/trials/" + id + "/status")
        .then()
        .statusCode(200);
    return id;
  }

  static Map<String, Object> candidate(String trialId, String site, String name, Object preScreen) {
    var body = new LinkedHashMap<String, Object>();
    body.put("trialId", trialId);
    body.put("siteCode", site);
    body.put("fullName", name);
    body.put("email", name.toLowerCase().replace(' ', '.') + "@example.org");
    body.put("phone", "+1 415 555 0100");
    if (preScreen != null) {
      body.put("preScreenId", preScreen);
    }
    body.put("weightKg", 72.5);
    // Recorded at enrollment: the pre-dose pregnancy test is "not applicable" only for a
    // participant without childbearing potential.
    body.put("sex", "MALE");
    body.put("childbearingPotential", false);
    body.put("dissociativeSubtype", false);
    body.put("veteran", true);
    body.put("combatExposure", true);
    body.put("traumaticBrainInjury", false);
    return body;
  }

  /** Who does each step of a participant's way from candidate to randomization. */
  interface Users {
    RequestSpecification coordinator();

    RequestSpecification investigator();

    /** The independent rater at {@code site}, who administers the screening CAPS-5. */
    default RequestSpecification rater(String site) {
      return as(RunningPlatform.get(), site.equals(SF) ? "rater.sf" : "rater.bos");
    }
  }

  /**
   * CAPS-5 responses totalling {@code total} (at least 40 meets the DSM-5 diagnostic rule: every
   * symptom item at severity 2 or more), spread evenly over the 20 symptom items; F and G met.
   */
  static Map<String, Integer> caps5(int total) {
    String[] items = {
      "B1", "B2", "B3", "B4", "B5", "C1", "C2", "D1", "D2", "D3", "D4", "D5", "D6", "D7", "E1",
      "E2", "E3", "E4", "E5", "E6"
    };
    var responses = new LinkedHashMap<String, Integer>();
    for (int i = 0; i < items.length; i++) {
      responses.put(items[i], total / 20 + (i < total % 20 ? 1 : 0));
    }
    responses.put("F", 1);
    responses.put("G", 1);
    return responses;
  }

  /**
   * An eligibility signature needs the trial's screening CAPS-5 threshold, which the sponsor sets
   * (recruitment-service never defaults it): MAPP2's 28 for a trial of sponsor maps without one.
   */
  static void screeningThreshold(String trialId) {
    var platform = RunningPlatform.get();
    Object current =
        as(platform, "sponsor.maps")
            .when()
            .get("/api/recruitment/trials/" + trialId)
            .then()
            .statusCode(200)
            .extract()
            .path("eligibility.screeningCaps5MinTotal");
    if (current == null) {
      as(platform, "sponsor.maps")
          .contentType("application/json")
          .body(Map.of("minTotal", 28, "reason", "MAPP2 protocol: CAPS-5 total at least 28"))
          .when()
          .put("/api/recruitment/trials/" + trialId + "/screening-caps5-threshold")
          .then()
          .statusCode(200);
    }
  }

  /**
   * Registers a candidate, records consent (before any study-specific screening, ICH E6), has the
   * site's independent rater record a qualifying screening CAPS-5 in outcomes-service, signs
   * eligibility and enrolls; answers the participant code.
   */
  static String enrolled(Users users, String trialId, String site, String name, Object preScreen) {
    screeningThreshold(trialId);
    var code =
        users
            .coordinator()
            .contentType("application/json")
            .body(candidate(trialId, site, name, preScreen))
            .when()
            .post("/api/recruitment/participants")
            .then()
            .statusCode(201)
            .extract()
            .path("code")
            .toString();
    users
        .coordinator()
        .contentType("application/json")
        .body(
            Map.of(
                "formVersion", "ICF-2.1", "consentDate", LocalDate.now(ZoneOffset.UTC).toString()))
        .when()
        .post("/api/recruitment/participants/" + code + "/consent")
        .then()
        .statusCode(200);
    // A peer still warming up (the first gRPC calls of a fresh platform) answers 503 with nothing
    // stored: the rater tries again, as a person would.
    var screening = new java.util.concurrent.atomic.AtomicInteger();
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(60))
        .until(
            () -> {
              screening.set(
                  users
                      .rater(site)
                      .contentType("application/json")
                      .body(
                          Map.of(
                              "administeredAt", Instant.now().toString(), "responses", caps5(44)))
                      .when()
                      .post("/api/outcomes/participants/" + code + "/screening-caps5")
                      .then()
                      .extract()
                      .statusCode());
              return screening.get() != 503;
            });
    org.assertj.core.api.Assertions.assertThat(screening.get()).isEqualTo(201);
    users
        .investigator()
        .contentType("application/json")
        .body(Map.of("meaning", "APPROVAL"))
        .when()
        .post("/api/recruitment/participants/" + code + "/eligibility")
        .then()
        .statusCode(200);
    users
        .coordinator()
        .when()
        .post("/api/recruitment/participants/" + code + "/enrollment")
        .then()
        .statusCode(200);
    return code;
  }

  /** Randomizes an enrolled participant; answers the allocation as the caller sees it. */
  static JsonPath randomize(RequestSpecification coordinator, String code) {
    return coordinator
        .when()
        .post("/api/recruitment/participants/" + code + "/randomization")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /**
   * The site's pharmacist (unblinded) receives the kits of {@code codes} at US-SF-01, each with its
   * arm as content: a dose dispenses only from a kit the site received.
   */
  static void receiveKits(
      RequestSpecification pharmacist,
      Supplier<RequestSpecification> again,
      String trialId,
      List<String> codes) {
    var allocations =
        pharmacist
            .when()
            .get("/api/recruitment/trials/" + trialId + "/allocations")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    for (var code : codes) {
      var kit =
          allocations.getString(
              "allocations.find { it.participantCode == '" + code + "' }.kitCode");
      var arm =
          allocations.getString("allocations.find { it.participantCode == '" + code + "' }.arm");
      again
          .get()
          .contentType("application/json")
          .body(Map.of("kitCode", kit, "content", arm, "mgHcl", 1000))
          .when()
          .post("/api/sessions/accountability/" + SF + "/receipts")
          .then()
          .statusCode(201);
    }
  }

  /**
   * Waits until session-service has applied the trial's status from TrialStatusChanged (it writes
   * an audit entry when it does), so row counts taken afterwards compare requests only.
   */
  static void awaitSessionKnowsTrial(Platform platform, String trialId, String status) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                count(
                        platform,
                        "session",
                        "select count(*) from known_trial where trial_id = ? and status = ?",
                        trialId,
                        status)
                    == 1);
  }

  /** The participant's schedule once session-service has made it from ParticipantRandomized. */
  static JsonPath schedule(RequestSpecification staff, String code) {
    return staff
        .queryParam("size", 200)
        .when()
        .get("/api/sessions/participants/" + code + "/schedule")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  static JsonPath awaitSchedule(
      java.util.function.Supplier<RequestSpecification> staff, String code) {
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                staff
                        .get()
                        .queryParam("size", 200)
                        .when()
                        .get("/api/sessions/participants/" + code + "/schedule")
                        .statusCode()
                    == 200);
    return schedule(staff.get(), code);
  }

  /** The id of the participant's n-th experimental (dosing) session. */
  static String experimentalSession(JsonPath schedule, int number) {
    return schedule.getString(
        "items.find { it.kind == 'EXPERIMENTAL' && it.number == " + number + " }.id");
  }

  /**
   * Books a dosing session with two therapists in its window, moving on to the next free eight-hour
   * slot while a room or therapist is taken (earlier runs keep their bookings in the database).
   */
  static void bookDosing(
      java.util.function.Supplier<RequestSpecification> coordinator,
      JsonPath schedule,
      String sessionId,
      String room,
      List<String> therapists) {
    var windowStart =
        LocalDate.parse(
            schedule.getString("items.find { it.id == '" + sessionId + "' }.windowStart"));
    var windowEnd =
        LocalDate.parse(
            schedule.getString("items.find { it.id == '" + sessionId + "' }.windowEnd"));
    // Windows are the site's calendar days.
    var site = schedule.getString("items.find { it.id == '" + sessionId + "' }.siteCode");
    var zone = java.time.ZoneId.of(SF.equals(site) ? "America/Los_Angeles" : "America/New_York");
    var slot = windowStart.atTime(8, 0).atZone(zone).toOffsetDateTime();
    while (!slot.atZoneSameInstant(zone).toLocalDate().isAfter(windowEnd)) {
      var response =
          coordinator
              .get()
              .contentType("application/json")
              .body(
                  Map.of(
                      "room",
                      room,
                      "startsAt",
                      slot.toString(),
                      "endsAt",
                      slot.plusHours(8).toString(),
                      "therapists",
                      therapists))
              .when()
              .put("/api/sessions/visits/" + sessionId + "/booking");
      if (response.statusCode() == 200) {
        return;
      }
      assertThat(response.statusCode()).as(response.asString()).isEqualTo(409);
      slot = slot.plusHours(8);
    }
    throw new AssertionError("no free slot for session " + sessionId);
  }

  static Map<String, Object> passingPreDoseChecks() {
    return Map.of(
        "abstinenceAttested",
        true,
        "pregnancyTest",
        "NOT_APPLICABLE",
        "systolic",
        128,
        "diastolic",
        82,
        "heartRate",
        76,
        "temperatureC",
        36.8,
        "cssrsScreen",
        "NEGATIVE",
        "consentCurrent",
        true);
  }

  static Map<String, Object> dose(double mgHcl, boolean supplemental, Instant at) {
    return Map.of("mgHcl", mgHcl, "supplemental", supplemental, "administeredAt", at.toString());
  }
}

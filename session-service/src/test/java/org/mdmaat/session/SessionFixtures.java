package org.mdmaat.session;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.ParticipantRandomized;
import org.mdmaat.contracts.events.ParticipantWithdrawn;
import org.mdmaat.contracts.events.Topics;
import org.mdmaat.contracts.grpc.recruitment.ParticipantStatus;
import org.mdmaat.devstack.KafkaAccess;
import org.mdmaat.devstack.KafkaBroker;
import org.mdmaat.devstack.KeycloakServer;
import org.mdmaat.devstack.PostgresServer;

/** Drives participants and sessions into the states tests need, through the real API and Kafka. */
public final class SessionFixtures {
  public static final String SF = "US-SF-01";
  public static final String TRIAL = "MAPP-TEST";

  private SessionFixtures() {}

  /**
   * As {@code user}, with a password-grant token (cached): no {@code auth_time}, so it cannot sign.
   */
  public static RequestSpecification as(String user) {
    return given().auth().oauth2(KeycloakServer.shared().accessToken(user, "demo"));
  }

  /**
   * As {@code user} just after logging in through Keycloak's login form (authorization code, PKCE,
   * {@code prompt=login}): the only kind of token that may sign (its {@code auth_time} is now). A
   * new login each call.
   */
  public static RequestSpecification signingAs(String user) {
    return given().auth().oauth2(KeycloakServer.shared().signingToken(user, "demo"));
  }

  public static String newParticipant() {
    return "P-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
  }

  public static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Registers the participant at recruitment (scripted) and publishes their randomization. */
  public static void randomize(ObjectMapper json, String code, String site, String trialId)
      throws Exception {
    randomize(json, code, site, trialId, Instant.now().truncatedTo(ChronoUnit.MICROS));
  }

  /** As {@link #randomize(ObjectMapper, String, String, String)}, randomized at {@code at}. */
  public static void randomize(
      ObjectMapper json, String code, String site, String trialId, Instant at) throws Exception {
    ScriptedParticipantDirectory.register(code, trialId, site, ParticipantStatus.RANDOMIZED, 70);
    var payload =
        new ParticipantRandomized(
            code, trialId, site, site + "/non-dissociative", "KIT-" + code, false, false, at);
    send(
        Topics.PARTICIPANTS,
        code,
        json.writeValueAsString(
            EventEnvelope.of(
                EventTypes.PARTICIPANT_RANDOMIZED,
                "recruitment-service",
                trialId,
                code,
                json.valueToTree(payload))));
  }

  public static void withdraw(ObjectMapper json, String code, String site) throws Exception {
    var payload =
        new ParticipantWithdrawn(
            code,
            TRIAL,
            site,
            "participant's decision",
            Instant.now().truncatedTo(ChronoUnit.MICROS));
    send(
        Topics.PARTICIPANTS,
        code,
        json.writeValueAsString(
            EventEnvelope.of(
                EventTypes.PARTICIPANT_WITHDRAWN,
                "recruitment-service",
                TRIAL,
                code,
                json.valueToTree(payload))));
  }

  /** Waits for the schedule and returns its sessions (as JSON maps). */
  public static List<Map<String, Object>> awaitSchedule(String code, String coordinator) {
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                as(coordinator)
                    .queryParam("size", 200)
                    .get("/api/sessions/participants/{code}/schedule", code)
                    .then()
                    .statusCode(200));
    return as(coordinator)
        .queryParam("size", 200)
        .get("/api/sessions/participants/{code}/schedule", code)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items");
  }

  public static Map<String, Object> session(
      List<Map<String, Object>> schedule, String kind, int number) {
    return schedule.stream()
        .filter(s -> kind.equals(s.get("kind")) && ((Number) s.get("number")).intValue() == number)
        .findFirst()
        .orElseThrow();
  }

  public static Map<String, Object> booking(LocalDate day, String room, String... therapists) {
    var starts = day.atTime(9, 0).atOffset(java.time.ZoneOffset.ofHours(-5));
    return new java.util.HashMap<>(
        Map.of(
            "room",
            room,
            "startsAt",
            starts.toString(),
            "endsAt",
            starts.plusHours(8).toString(),
            "therapists",
            List.of(therapists)));
  }

  public static Map<String, Object> passingChecklist() {
    return new java.util.HashMap<>(
        Map.of(
            "abstinenceAttested",
            true,
            "pregnancyTest",
            "NEGATIVE",
            "systolic",
            128,
            "diastolic",
            82,
            "heartRate",
            74,
            "temperatureC",
            36.8,
            "cssrsScreen",
            "NEGATIVE",
            "consentCurrent",
            true));
  }

  /**
   * A randomized participant at US-SF-01 whose first experimental session is booked, checked in and
   * has passed its pre-dose checks. Returns the session id.
   */
  public static String readyToDose(ObjectMapper json, String code, String... therapists)
      throws Exception {
    return readyToDoseIn(json, TRIAL, code, therapists);
  }

  /** As {@link #readyToDose}, in trial {@code trialId}. */
  public static String readyToDoseIn(
      ObjectMapper json, String trialId, String code, String... therapists) throws Exception {
    return readyToDoseFrom(json, trialId, code, "MDMA", therapists);
  }

  /** As {@link #readyToDoseIn}, the participant's kit holding {@code content} (MDMA, PLACEBO). */
  public static String readyToDoseFrom(
      ObjectMapper json, String trialId, String code, String content, String... therapists)
      throws Exception {
    randomize(json, code, SF, trialId);
    // The pharmacist received the participant's kit: a dispense needs it.
    org.mdmaat.session.accountability.KitStock.receive("KIT-" + code, content, 1000);
    var schedule = awaitSchedule(code, "coordinator.sf");
    var experimental = session(schedule, "EXPERIMENTAL", 1);
    var id = (String) experimental.get("id");
    as("coordinator.sf")
        .contentType(ContentType.JSON)
        .body(
            booking(
                LocalDate.parse((String) experimental.get("targetDate")),
                unique("room"),
                therapists.length > 0
                    ? therapists
                    : new String[] {Therapists.fresh(), Therapists.fresh()}))
        .put("/api/sessions/visits/{id}/booking", id)
        .then()
        .statusCode(200);
    as("therapist.sf1").post("/api/sessions/visits/{id}/check-in", id).then().statusCode(200);
    as("therapist.sf1")
        .contentType(ContentType.JSON)
        .body(passingChecklist())
        .post("/api/sessions/visits/{id}/pre-dose-checks", id)
        .then()
        .statusCode(200);
    return id;
  }

  /**
   * Time passes for a session: its pre-dose checks and doses moved {@code by} into the past, as if
   * they had been done and entered that long ago (tests cannot wait 90 minutes for a supplemental
   * window, and back-dating through the API is refused).
   */
  public static void timePasses(String sessionId, Duration by) throws Exception {
    var seconds = by.toSeconds();
    execute(
        "update pre_dose_check set checked_at = checked_at - make_interval(secs => ?)"
            + " where session_id = ?::uuid",
        seconds,
        sessionId);
    execute(
        "update dose set administered_at = administered_at - make_interval(secs => ?),"
            + " recorded_at = recorded_at - make_interval(secs => ?) where session_id = ?::uuid",
        seconds,
        seconds,
        sessionId);
  }

  public static void execute(String sql, Object... parameters) throws Exception {
    var postgres = PostgresServer.shared();
    try (var connection =
            DriverManager.getConnection(
                postgres.jdbcUrl("session"), postgres.username(), postgres.password());
        var statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      statement.executeUpdate();
    }
  }

  /** The first column of the first row, as text. */
  public static String text(String sql, Object... parameters) throws Exception {
    var postgres = PostgresServer.shared();
    try (var connection =
            DriverManager.getConnection(
                postgres.jdbcUrl("session"), postgres.username(), postgres.password());
        var statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (var rows = statement.executeQuery()) {
        return rows.next() ? rows.getString(1) : null;
      }
    }
  }

  public static long count(String sql, Object... parameters) throws Exception {
    var postgres = PostgresServer.shared();
    try (var connection =
            DriverManager.getConnection(
                postgres.jdbcUrl("session"), postgres.username(), postgres.password());
        var statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (var rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  /** Everything on {@code topic}'s dead-letter topic so far (waits up to 15 s for a first one). */
  public static List<String> deadLetters(String topic) {
    var props = KafkaAccess.adminClient(KafkaBroker.shared().bootstrapServers());
    props.put("group.id", "dlq-reader-" + UUID.randomUUID());
    props.put("auto.offset.reset", "earliest");
    try (var consumer =
        new org.apache.kafka.clients.consumer.KafkaConsumer<>(
            props,
            new org.apache.kafka.common.serialization.StringDeserializer(),
            new org.apache.kafka.common.serialization.StringDeserializer())) {
      consumer.subscribe(List.of(Topics.deadLetter(topic)));
      var values = new java.util.ArrayList<String>();
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (System.nanoTime() < deadline) {
        int before = values.size();
        consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
        if (!values.isEmpty() && values.size() == before) {
          break;
        }
      }
      return values;
    }
  }

  public static void send(String topic, String key, String value) throws Exception {
    var props = KafkaAccess.adminClient(KafkaBroker.shared().bootstrapServers());
    try (var producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    }
  }
}

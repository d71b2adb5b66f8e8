package org.mdmaat.outcomes;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.mdmaat.contracts.events.DoseAdministered;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.ParticipantEmergencyUnblinded;
import org.mdmaat.contracts.events.ParticipantRandomized;
import org.mdmaat.contracts.events.ParticipantSubgroupsRecorded;
import org.mdmaat.contracts.events.ParticipantWithdrawn;
import org.mdmaat.contracts.events.Topics;
import org.mdmaat.contracts.events.TrialUnblinded;
import org.mdmaat.devstack.KafkaAccess;
import org.mdmaat.devstack.KafkaBroker;
import org.mdmaat.devstack.KeycloakServer;

/** What the integration tests share: tokens, events through real Kafka, instrument responses. */
public final class OutcomesFixtures {
  public static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private OutcomesFixtures() {}

  /** JSON numbers read as doubles, so statistics compare at full precision. */
  static final RestAssuredConfig DOUBLES =
      RestAssuredConfig.config()
          .jsonConfig(JsonConfig.jsonConfig().numberReturnType(NumberReturnType.DOUBLE));

  public static RequestSpecification as(String user) {
    return given().config(DOUBLES).auth().oauth2(KeycloakServer.shared().accessToken(user, "demo"));
  }

  public static String newCode() {
    return "P-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
  }

  public static String newTrial() {
    return "MAPP-T-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
  }

  public static EventEnvelope randomized(
      String code, String trial, String site, boolean dissociative, boolean veteran) {
    var payload =
        new ParticipantRandomized(
            code,
            trial,
            site,
            site + (dissociative ? "/dissociative" : "/non-dissociative"),
            "KIT-" + code,
            dissociative,
            veteran,
            Instant.now().truncatedTo(ChronoUnit.MICROS));
    return EventEnvelope.of(
        EventTypes.PARTICIPANT_RANDOMIZED,
        "recruitment-service",
        trial,
        code,
        JSON.valueToTree(payload));
  }

  /** Announces the participant through Kafka and waits until the service knows them. */
  public static void randomize(
      String code, String trial, String site, boolean dissociative, boolean veteran) {
    send(Topics.PARTICIPANTS, code, write(randomized(code, trial, site, dissociative, veteran)));
    String coordinator = "US-SF-01".equals(site) ? "coordinator.sf" : "coordinator.bos";
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                as(coordinator)
                    .when()
                    .get("/api/outcomes/participants/{code}/assessments", code)
                    .then()
                    .statusCode(200));
  }

  public static void randomize(String code, String trial) {
    randomize(code, trial, "US-SF-01", false, false);
  }

  /** Announces the trial's unblinding through Kafka and waits until it is applied. */
  public static void unblind(String trial) {
    var payload =
        new TrialUnblinded(
            trial,
            "dsmb.chair",
            "database lock",
            Instant.now().truncatedTo(ChronoUnit.MICROS),
            "sponsor.maps",
            "DATA_LOCK");
    var event =
        EventEnvelope.of(
            EventTypes.TRIAL_UNBLINDED,
            "recruitment-service",
            trial,
            null,
            JSON.valueToTree(payload));
    send(Topics.TRIALS, trial, write(event));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                as("regulator.fda")
                    .queryParam("entityType", "TrialUnblinding")
                    .queryParam("entityId", trial)
                    .when()
                    .get("/api/outcomes/audit")
                    .then()
                    .statusCode(200)
                    .body("items.size()", org.hamcrest.Matchers.equalTo(1)));
  }

  /** Announces the participant's withdrawal through Kafka (the caller waits for its effect). */
  public static void withdraw(String code, String trial, String site) {
    var payload =
        new ParticipantWithdrawn(
            code, trial, site, "moved away", Instant.now().truncatedTo(ChronoUnit.MICROS));
    send(
        Topics.PARTICIPANTS,
        code,
        write(
            EventEnvelope.of(
                EventTypes.PARTICIPANT_WITHDRAWN,
                "recruitment-service",
                trial,
                code,
                JSON.valueToTree(payload))));
  }

  /**
   * Announces one participant's emergency unblinding at {@code at} and waits until it is applied.
   */
  public static void emergencyUnblind(String code, String trial, String site, Instant at) {
    var payload =
        new ParticipantEmergencyUnblinded(
            code, trial, site, "investigator.sf", "anaphylaxis: treating physician must know", at);
    send(
        Topics.PARTICIPANTS,
        code,
        write(
            EventEnvelope.of(
                EventTypes.PARTICIPANT_EMERGENCY_UNBLINDED,
                "recruitment-service",
                trial,
                code,
                JSON.valueToTree(payload))));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                as("regulator.fda")
                    .queryParam("entityType", "EmergencyUnblinding")
                    .queryParam("entityId", code)
                    .when()
                    .get("/api/outcomes/audit")
                    .then()
                    .statusCode(200)
                    .body("items.size()", org.hamcrest.Matchers.equalTo(1)));
  }

  /** The trial's sponsor sets its response and remission thresholds for {@code instrument}. */
  public static void setRules(
      String trial, String instrument, Integer responseMinDrop, Integer remissionMaxTotal) {
    var body = new HashMap<String, Object>();
    body.put("responseMinDrop", responseMinDrop);
    body.put("remissionMaxTotal", remissionMaxTotal);
    body.put("reason", "statistical analysis plan v1");
    as("sponsor.maps")
        .contentType("application/json")
        .body(body)
        .when()
        .put("/api/outcomes/trials/{trial}/outcome-rules/{instrument}", trial, instrument)
        .then()
        .statusCode(200);
  }

  /** Announces a dose from session-service through Kafka and waits until it is applied. */
  public static void dose(
      String code, String trial, String site, String sessionId, boolean supplemental, Instant at) {
    var doseId = "D-" + UUID.randomUUID();
    var payload =
        new DoseAdministered(
            doseId,
            sessionId,
            code,
            trial,
            site,
            "KIT-" + code,
            supplemental,
            new java.math.BigDecimal("120"),
            new java.math.BigDecimal("100"),
            at);
    send(
        Topics.SESSIONS,
        code,
        write(
            EventEnvelope.of(
                EventTypes.DOSE_ADMINISTERED,
                "session-service",
                trial,
                code,
                JSON.valueToTree(payload))));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                as("regulator.fda")
                    .queryParam("entityType", "ParticipantDose")
                    .queryParam("entityId", doseId)
                    .when()
                    .get("/api/outcomes/audit")
                    .then()
                    .statusCode(200)
                    .body("items.size()", org.hamcrest.Matchers.equalTo(1)));
  }

  /** ParticipantSubgroupsRecorded as recruitment-service announces it (not waited for). */
  public static void subgroups(
      String code,
      String trial,
      String site,
      boolean dissociative,
      boolean veteran,
      boolean combat,
      boolean tbi,
      long revision) {
    var payload =
        new ParticipantSubgroupsRecorded(
            code,
            trial,
            site,
            dissociative,
            veteran,
            combat,
            tbi,
            revision,
            "correction",
            Instant.now().truncatedTo(ChronoUnit.MICROS));
    send(
        Topics.PARTICIPANTS,
        code,
        write(
            EventEnvelope.of(
                EventTypes.PARTICIPANT_SUBGROUPS_RECORDED,
                "recruitment-service",
                trial,
                code,
                JSON.valueToTree(payload))));
  }

  public static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static void send(String topic, String key, String value) {
    var props = KafkaAccess.adminClient(KafkaBroker.shared().bootstrapServers());
    try (var producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every record on {@code topic} so far (read from the beginning by a fresh group). */
  public static List<ConsumerRecord<String, String>> records(String topic, Duration within) {
    var props = KafkaAccess.adminClient(KafkaBroker.shared().bootstrapServers());
    props.put("group.id", "test-reader-" + UUID.randomUUID());
    props.put("auto.offset.reset", "earliest");
    try (var consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      var found = new ArrayList<ConsumerRecord<String, String>>();
      long deadline = System.nanoTime() + within.toNanos();
      while (System.nanoTime() < deadline) {
        var batch = consumer.poll(Duration.ofMillis(500));
        batch.forEach(found::add);
        if (batch.isEmpty() && !found.isEmpty()) {
          break;
        }
      }
      return found;
    }
  }

  /** CAPS-5 responses totalling {@code total}, spread evenly over the 20 symptom items. */
  public static Map<String, Integer> caps5(int total) {
    String[] items = {
      "B1", "B2", "B3", "B4", "B5", "C1", "C2", "D1", "D2", "D3", "D4", "D5", "D6", "D7", "E1",
      "E2", "E3", "E4", "E5", "E6"
    };
    var responses = new HashMap<String, Integer>();
    for (int i = 0; i < items.length; i++) {
      responses.put(items[i], total / 20 + (i < total % 20 ? 1 : 0));
    }
    responses.put("F", 1);
    responses.put("G", 1);
    return responses;
  }

  public static Map<String, Object> assessment(
      String instrument, String timepoint, Map<String, Integer> responses) {
    return Map.of(
        "instrument",
        instrument,
        "timepoint",
        timepoint,
        "administeredAt",
        "2026-03-02T09:30:00-08:00",
        "responses",
        responses);
  }

  public static Map<String, Integer> sds(int work, int social, int family) {
    return Map.of("WORK", work, "SOCIAL", social, "FAMILY", family);
  }
}

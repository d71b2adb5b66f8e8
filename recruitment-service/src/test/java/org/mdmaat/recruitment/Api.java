package org.mdmaat.recruitment;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.devstack.KafkaAccess;
import org.mdmaat.devstack.KafkaBroker;
import org.mdmaat.devstack.KeycloakServer;

/** What the API tests share: tokens, a trial to work on, and reading events off Kafka. */
public final class Api {
  private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

  private Api() {}

  public static RequestSpecification as(String user) {
    return given()
        .auth()
        .oauth2(KeycloakServer.shared().accessToken(user, "demo"))
        .contentType("application/json");
  }

  /**
   * As {@link #as}, with a fresh browser-style login ({@code auth_time} now), as an electronic
   * signature needs.
   */
  public static RequestSpecification signing(String user) {
    return given()
        .auth()
        .oauth2(KeycloakServer.shared().signingToken(user, "demo"))
        .contentType("application/json");
  }

  /** A signature's body: its meaning; the signer and name come from the login. */
  public static Map<String, Object> signature(String meaning) {
    return Map.of("meaning", meaning);
  }

  /**
   * Announces outcomes-service's database lock of {@code trialId} through Kafka, as
   * outcomes-service does, and waits until the trial shows it.
   */
  public static void lockOutcomeData(String trialId) throws Exception {
    var locked =
        new org.mdmaat.contracts.events.TrialDataLocked(
            trialId,
            "sponsor.maps",
            "last primary endpoint recorded",
            java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    var event =
        EventEnvelope.of(
            org.mdmaat.contracts.events.EventTypes.TRIAL_DATA_LOCKED,
            "outcomes-service",
            trialId,
            null,
            JSON.valueToTree(locked));
    send(org.mdmaat.contracts.events.Topics.DATA_LOCKS, trialId, JSON.writeValueAsString(event));
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                as("sponsor.maps")
                        .when()
                        .get("/api/recruitment/trials/{id}", trialId)
                        .then()
                        .extract()
                        .path("outcomeDataLockedAt")
                    != null);
  }

  /**
   * Unblinds a trial of sponsor maps the only way there is: database lock, the sponsor's signed
   * request, the DSMB chair's signed approval.
   */
  public static void unblind(String trialId) throws Exception {
    lockOutcomeData(trialId);
    String request =
        signing("sponsor.maps")
            .body(
                Map.of(
                    "grounds", "DATA_LOCK",
                    "reason", "primary analysis after database lock",
                    "signature", signature("AUTHORSHIP")))
            .when()
            .post("/api/recruitment/trials/{id}/unblinding-requests", trialId)
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    signing("dsmb.chair")
        .body(Map.of("signature", signature("APPROVAL")))
        .when()
        .post("/api/recruitment/trials/{id}/unblinding-requests/{r}/approval", trialId, request)
        .then()
        .statusCode(200);
  }

  public static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
  }

  /** A minimal trial body at the two demo sites; settings left to MAPP defaults. */
  public static Map<String, Object> trialBody(String protocolCode) {
    var body = new HashMap<String, Object>();
    body.put("protocolCode", protocolCode);
    body.put("title", "MDMA-assisted therapy for PTSD " + protocolCode);
    body.put("phase", "PHASE_3");
    body.put("condition", "Post-traumatic stress disorder");
    body.put("targetEnrollment", 20);
    body.put(
        "sites",
        List.of(
            site("US-SF-01", "US", "San Francisco", "America/Los_Angeles"),
            site("US-BOS-02", "US", "Boston", "America/New_York")));
    return body;
  }

  public static Map<String, Object> site(String code, String country, String city, String zone) {
    return Map.of("code", code, "country", country, "city", city, "timeZone", zone);
  }

  /** A candidate's registration body: all required fields, at {@code site} of {@code trial}. */
  public static Map<String, Object> candidate(String trial, String site) {
    var body = new HashMap<String, Object>();
    body.put("trialId", trial);
    body.put("siteCode", site);
    body.put("fullName", "Jordan Secretname");
    body.put("email", "jordan@example.org");
    body.put("phone", "+1 415 555 0100");
    body.put("weightKg", 81.5);
    body.put("dissociativeSubtype", true);
    body.put("veteran", true);
    body.put("combatExposure", true);
    body.put("traumaticBrainInjury", false);
    body.put("sex", "FEMALE");
    body.put("childbearingPotential", true);
    return body;
  }

  public static String createTrial(String sponsorUser, Map<String, Object> body) {
    return as(sponsorUser)
        .body(body)
        .when()
        .post("/api/recruitment/trials")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  public static void moveTrial(String sponsorUser, String trialId, String status) {
    as(sponsorUser)
        .body(Map.of("status", status, "reason", "test moves to " + status))
        .when()
        .post("/api/recruitment/trials/{id}/status", trialId)
        .then()
        .statusCode(200);
  }

  /**
   * A RECRUITING trial of sponsor maps at US-SF-01 and US-BOS-02, with MAPP2's screening CAPS-5
   * threshold (28).
   */
  public static String recruitingTrial(Map<String, Object> body) {
    var id = createTrial("sponsor.maps", body);
    screeningThreshold(id, 28);
    moveTrial("sponsor.maps", id, "RECRUITING");
    return id;
  }

  /** The sponsor sets the trial's screening CAPS-5 threshold. */
  public static void screeningThreshold(String trialId, int minTotal) {
    as("sponsor.maps")
        .body(Map.of("minTotal", minTotal, "reason", "protocol section 5.1"))
        .when()
        .put("/api/recruitment/trials/{id}/screening-caps5-threshold", trialId)
        .then()
        .statusCode(200);
  }

  /** Records consent for a candidate at US-SF-01 (SCREENING to CONSENTED). */
  public static void consented(String code) {
    as("coordinator.sf")
        .body(Map.of("formVersion", "ICF v2.1", "consentDate", "2026-01-10"))
        .when()
        .post("/api/recruitment/participants/{c}/consent", code)
        .then()
        .statusCode(200);
  }

  /**
   * Takes a SCREENING candidate at US-SF-01 of {@code trialId} to ELIGIBLE the one way there is:
   * consent, a rater's qualifying screening CAPS-5 (scripted outcomes-service), the investigator's
   * signature.
   */
  public static void eligible(String code, String trialId) {
    consented(code);
    ScriptedScreeningAssessments.rated(code, trialId, 44, true);
    signing("investigator.sf")
        .body(Map.of("meaning", "APPROVAL"))
        .when()
        .post("/api/recruitment/participants/{c}/eligibility", code)
        .then()
        .statusCode(200);
  }

  public static String recruitingTrial() {
    return recruitingTrial(trialBody(unique("MAPP")));
  }

  /** The events with {@code key} on {@code topic} matching {@code wanted}, waiting until found. */
  public static List<EventEnvelope> events(
      String topic, String key, Predicate<EventEnvelope> wanted, int expected) {
    var props = KafkaAccess.adminClient(KafkaBroker.shared().bootstrapServers());
    props.put("group.id", "test-" + UUID.randomUUID());
    props.put("auto.offset.reset", "earliest");
    try (var consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      var found = new ArrayList<EventEnvelope>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline && found.size() < expected) {
        for (var record : consumer.poll(Duration.ofMillis(500))) {
          if (key.equals(record.key())) {
            var event = read(record.value());
            if (wanted.test(event)) {
              found.add(event);
            }
          }
        }
      }
      return found;
    }
  }

  /** All values on {@code topic} (e.g. a dead-letter topic), waiting until one matches. */
  public static List<String> values(String topic, Predicate<String> wanted) {
    var props = KafkaAccess.adminClient(KafkaBroker.shared().bootstrapServers());
    props.put("group.id", "test-" + UUID.randomUUID());
    props.put("auto.offset.reset", "earliest");
    try (var consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      var values = new ArrayList<String>();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline && values.stream().noneMatch(wanted)) {
        consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
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

  private static EventEnvelope read(String value) {
    try {
      return JSON.readValue(value, EventEnvelope.class);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

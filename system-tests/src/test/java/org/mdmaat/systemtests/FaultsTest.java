package org.mdmaat.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mdmaat.devstack.KafkaAccess;
import org.mdmaat.devstack.Platform;

/**
 * Faults in the middle of a trial: the Kafka broker down and back, safety-service down (doses
 * refused, nothing recorded), session-service restarted between two doses of one session, and a
 * poisoned message on a consumed topic.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsTest {
  private static final String SF = Scenario.SF;
  private static final List<String> SESSION_TABLES =
      List.of("dose", "kit_movement", "audit_entry", "outbox_event", "protocol_session");

  private static Platform platform;
  private static String trialId;
  private static String dosedParticipant;
  private static String dosedSession;
  private static Instant initialAt;
  private static String scheduledWhileDown;

  private static final Scenario.Users SF_STAFF =
      new Scenario.Users() {
        @Override
        public RequestSpecification coordinator() {
          return as("coordinator.sf");
        }

        @Override
        public RequestSpecification investigator() {
          return as("investigator.sf");
        }
      };

  @BeforeAll
  static void trial() {
    platform = RunningPlatform.get();
    trialId = Scenario.recruitingTrial(as("sponsor.maps"), as("sponsor.maps"));
    Scenario.awaitSessionKnowsTrial(platform, trialId, "RECRUITING");
  }

  private static RequestSpecification as(String user) {
    return Scenario.as(platform, user);
  }

  private static Supplier<RequestSpecification> by(String user) {
    return () -> Scenario.as(platform, user);
  }

  private static String enrolled() {
    return Scenario.enrolled(SF_STAFF, trialId, SF, "Fault Case " + UUID.randomUUID(), null);
  }

  @Test
  @Order(1)
  void randomizedWhileKafkaIsDownTheScheduleAppearsOnceAfterItReturns() {
    var participant = enrolled();
    var held = enrolled();
    Scenario.randomize(as("coordinator.sf"), held);
    Scenario.awaitSchedule(by("coordinator.sf"), held);

    platform.kafka().stop();
    String holdUrl;
    try {
      // Both services still take the change: it waits in their outboxes.
      Scenario.randomize(as("coordinator.sf"), participant);
      holdUrl = Scenario.placeHold(platform, "investigator.sf", held, trialId, SF);
      assertThat(
              Scenario.count(
                  platform,
                  "recruitment",
                  "select count(*) from outbox_event where message_key = ? and published_at is null",
                  participant))
          .isEqualTo(1);
      as("coordinator.sf")
          .when()
          .get("/api/sessions/participants/" + participant + "/schedule")
          .then()
          .statusCode(404);
    } finally {
      platform.kafka().start();
    }
    var holdId = holdUrl.substring(holdUrl.lastIndexOf('/') + 1);

    scheduledWhileDown = participant;
    var schedule = Scenario.awaitSchedule(by("coordinator.sf"), participant);
    assertThat(schedule.getInt("total")).isEqualTo(36);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                Scenario.count(
                        platform,
                        "session",
                        "select count(*) from dosing_hold where hold_id::text = ?",
                        holdId)
                    == 1);
    // Every outbox row went out, and each effect exists exactly once.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                Scenario.count(
                        platform,
                        "recruitment",
                        "select count(*) from outbox_event where published_at is null")
                    == 0);
    assertThat(
            Scenario.count(
                platform,
                "session",
                "select count(*) from protocol_session where participant_code = ?",
                participant))
        .isEqualTo(36);
    assertThat(
            Scenario.count(
                platform,
                "session",
                "select count(*) from outbox_event where message_key = ? and type like ?",
                participant,
                "%SessionScheduled"))
        .isEqualTo(36);
    assertThat(
            Scenario.count(
                platform,
                "session",
                "select count(*) from dosing_hold where participant_code = ?",
                held))
        .isEqualTo(1);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                Scenario.count(
                        platform,
                        "outcomes",
                        "select count(*) from trial_participant where participant_code = ?",
                        participant)
                    == 1);
  }

  @Test
  @Order(2)
  void withSafetyServiceDownADoseIsRefusedAndNothingIsRecorded() {
    dosedParticipant = enrolled();
    Scenario.randomize(as("coordinator.sf"), dosedParticipant);
    Scenario.receiveKits(
        as("pharmacist.sf"), () -> as("pharmacist.sf"), trialId, List.of(dosedParticipant));
    var schedule = Scenario.awaitSchedule(by("coordinator.sf"), dosedParticipant);
    dosedSession = Scenario.experimentalSession(schedule, 1);
    Scenario.bookDosing(
        by("coordinator.sf"),
        schedule,
        dosedSession,
        "Fault room",
        List.of("therapist.sf1", "therapist.sf2"));
    as("therapist.sf1")
        .when()
        .post("/api/sessions/visits/" + dosedSession + "/check-in")
        .then()
        .statusCode(200);
    as("therapist.sf1")
        .contentType("application/json")
        .body(Scenario.passingPreDoseChecks())
        .when()
        .post("/api/sessions/visits/" + dosedSession + "/pre-dose-checks")
        .then()
        .statusCode(200);
    initialAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    platform.stopService(Platform.Service.SAFETY);
    try {
      var before = Scenario.rowCounts(platform, "session", SESSION_TABLES);
      for (int attempt = 0; attempt < 3; attempt++) {
        as("therapist.sf1")
            .contentType("application/json")
            .body(Scenario.dose(80, false, initialAt))
            .when()
            .post("/api/sessions/visits/" + dosedSession + "/doses")
            .then()
            .statusCode(503)
            .contentType(startsWith("application/problem+json"))
            // The pre-dose vitals cannot be stored at safety-service: refused before the gate.
            .body("code", equalTo("SES-0503-PRE-DOSE-VITALS"));
      }
      assertThat(Scenario.rowCounts(platform, "session", SESSION_TABLES)).isEqualTo(before);
      as("therapist.sf1")
          .when()
          .get("/api/sessions/visits/" + dosedSession)
          .then()
          .body("status", equalTo("PRE_DOSE_CHECKS_PASSED"));
    } finally {
      platform.startService(Platform.Service.SAFETY);
    }
    // Back: the dose goes through once the gate answers again (its circuit may need to close).
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () ->
                as("therapist.sf1")
                        .contentType("application/json")
                        .body(Scenario.dose(80, false, initialAt))
                        .when()
                        .post("/api/sessions/visits/" + dosedSession + "/doses")
                        .statusCode()
                    == 201);
    assertThat(
            Scenario.count(
                platform,
                "session",
                "select count(*) from dose where participant_code = ?",
                dosedParticipant))
        .isEqualTo(1);
  }

  @Test
  @Order(3)
  void sessionServiceRestartedBetweenTwoDosesCarriesOn() {
    platform.stopService(Platform.Service.SESSION);
    try {
      as("therapist.sf1")
          .when()
          .get("/api/sessions/visits/" + dosedSession)
          .then()
          .statusCode(503)
          .body("code", equalTo("GW-0503"));
    } finally {
      platform.startService(Platform.Service.SESSION);
    }
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                as("therapist.sf1").when().get("/api/sessions/visits/" + dosedSession).statusCode()
                    == 200);
    as("therapist.sf2")
        .contentType("application/json")
        .body(Scenario.dose(40, true, Instant.now()))
        .when()
        .post("/api/sessions/visits/" + dosedSession + "/doses")
        .then()
        .statusCode(201);
    as("therapist.sf1")
        .when()
        .post("/api/sessions/visits/" + dosedSession + "/monitoring")
        .then()
        .statusCode(200);
    as("therapist.sf1")
        .when()
        .post("/api/sessions/visits/" + dosedSession + "/completion")
        .then()
        .statusCode(200)
        .body("status", equalTo("COMPLETED"));
    // Its consumers resumed too: a new randomization is scheduled.
    var next = enrolled();
    Scenario.randomize(as("coordinator.sf"), next);
    assertThat(Scenario.awaitSchedule(by("coordinator.sf"), next).getInt("total")).isEqualTo(36);
  }

  @Test
  @Order(4)
  void aPoisonedMessageLandsOnTheDeadLetterTopicAndProcessingContinues() {
    var marker = "poison-" + UUID.randomUUID();
    var producerConfig = KafkaAccess.adminClient(platform.kafka().bootstrapServers());
    producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
    try (var producer = new KafkaProducer<String, String>(producerConfig)) {
      producer
          .send(
              new ProducerRecord<>(
                  "recruitment.participants", marker, "{\"not\": an envelope " + marker))
          .get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }

    var consumerConfig = KafkaAccess.adminClient(platform.kafka().bootstrapServers());
    consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    var dead = new ArrayList<String>();
    try (var consumer = new KafkaConsumer<String, String>(consumerConfig)) {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                var partitions =
                    consumer.partitionsFor("recruitment.participants.dlq").stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition()))
                        .toList();
                if (partitions.isEmpty()) {
                  return false;
                }
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                dead.clear();
                for (int i = 0; i < 5; i++) {
                  for (var record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() != null && record.value().contains(marker)) {
                      dead.add(record.value());
                    }
                  }
                }
                // session-service and outcomes-service both consume the topic.
                return dead.size() >= 2;
              });
    }
    assertThat(dead).allSatisfy(value -> assertThat(value).contains(marker));

    // The consumers carried on past it.
    var next = enrolled();
    Scenario.randomize(as("coordinator.sf"), next);
    assertThat(Scenario.awaitSchedule(by("coordinator.sf"), next).getInt("total")).isEqualTo(36);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                Scenario.count(
                        platform,
                        "outcomes",
                        "select count(*) from trial_participant where participant_code = ?",
                        next)
                    == 1);
  }

  @Test
  @Order(5)
  void aRedeliveredRandomizationIsAppliedOnce() {
    var participant = scheduledWhileDown;
    var auditBefore =
        Scenario.count(
            platform,
            "outcomes",
            "select count(*) from audit_entry where participant_code = ?",
            participant);
    // The very record the outbox relay published, sent again as an at-least-once relay may.
    ConsumerRecord<String, String> original = null;
    try (var consumer = new KafkaConsumer<String, String>(consumerConfig())) {
      var partitions =
          consumer.partitionsFor("recruitment.participants").stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      var deadline = Instant.now().plusSeconds(30);
      while (original == null && Instant.now().isBefore(deadline)) {
        for (var record : consumer.poll(Duration.ofMillis(500))) {
          if (participant.equals(record.key())
              && record.value().contains("ParticipantRandomized")) {
            original = record;
          }
        }
      }
    }
    assertThat(original).as("the randomization on the topic").isNotNull();
    RecordMetadata sent;
    try (var producer = new KafkaProducer<String, String>(producerConfig())) {
      var again =
          new ProducerRecord<>(
              "recruitment.participants",
              null,
              original.key(),
              original.value(),
              original.headers());
      sent = producer.send(again).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    // Both consumer groups have read past the copy.
    var partition = new TopicPartition(sent.topic(), sent.partition());
    try (var admin = Admin.create(producerConfig())) {
      for (var group : List.of("session-service", "outcomes-service")) {
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () -> {
                  var offsets =
                      admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                  var committed = offsets.get(partition);
                  return committed != null && committed.offset() > sent.offset();
                });
      }
    }
    assertThat(
            Scenario.count(
                platform,
                "session",
                "select count(*) from protocol_session where participant_code = ?",
                participant))
        .isEqualTo(36);
    assertThat(
            Scenario.count(
                platform,
                "session",
                "select count(*) from outbox_event where message_key = ? and type like ?",
                participant,
                "%SessionScheduled"))
        .isEqualTo(36);
    assertThat(
            Scenario.count(
                platform,
                "outcomes",
                "select count(*) from audit_entry where participant_code = ?",
                participant))
        .isEqualTo(auditBefore);
  }

  private static Properties producerConfig() {
    var config = KafkaAccess.adminClient(platform.kafka().bootstrapServers());
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    return config;
  }

  private static Properties consumerConfig() {
    var config = KafkaAccess.adminClient(platform.kafka().bootstrapServers());
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    return config;
  }
}

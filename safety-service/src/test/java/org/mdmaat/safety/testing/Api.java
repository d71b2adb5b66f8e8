package org.mdmaat.safety.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

/**
 * What the tests share: tokens of the demo users (password grant, which cannot sign, or a fresh
 * browser login, which can), fresh codes, and Kafka access.
 */
public final class Api {
  public static final String SF = "US-SF-01";
  public static final String BOS = "US-BOS-02";

  private Api() {}

  public static RequestSpecification as(String user) {
    return given()
        .auth()
        .oauth2(KeycloakServer.shared().accessToken(user, "demo"))
        .contentType("application/json");
  }

  /**
   * As {@code user} just logged in through the browser (authorization code, {@code prompt=login}):
   * a token with a fresh {@code auth_time}, as electronic signatures need. Not cached.
   */
  public static RequestSpecification signing(String user) {
    return withToken(signingToken(user));
  }

  public static String signingToken(String user) {
    return KeycloakServer.shared().signingToken(user, "demo");
  }

  public static RequestSpecification withToken(String token) {
    return given().auth().oauth2(token).contentType("application/json");
  }

  public static String code(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
  }

  /** A new participant of a new trial at {@code site}. */
  public static String participantAt(String site) {
    return ScriptedParticipantDirectory.enrol(code("P"), code("T"), site);
  }

  public static String trialOf(String participant) {
    return ScriptedParticipantDirectory.PARTICIPANTS.get(participant).getTrialId();
  }

  public static void produce(String topic, String key, String value) {
    var props = KafkaAccess.adminClient(KafkaBroker.shared().bootstrapServers());
    try (var producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads {@code topic} from the start until {@code enough} holds for the records with {@code key},
   * or 30 s pass; returns those records' values.
   */
  public static List<String> records(String topic, String key, Predicate<List<String>> enough) {
    var props = KafkaAccess.adminClient(KafkaBroker.shared().bootstrapServers());
    props.put("group.id", "test-" + UUID.randomUUID());
    props.put("auto.offset.reset", "earliest");
    var found = new ArrayList<String>();
    try (var consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < deadline && !enough.test(found)) {
        for (var record : consumer.poll(Duration.ofMillis(500))) {
          if (key.equals(record.key())) {
            found.add(record.value());
          }
        }
      }
    }
    return found;
  }

  /** The events with {@code key} on {@code topic}, once at least {@code count} arrived. */
  public static List<EventEnvelope> events(
      ObjectMapper json, String topic, String key, String type, int count) {
    var values =
        records(
            topic,
            key,
            found -> found.stream().filter(v -> v.contains("\"" + type + "\"")).count() >= count);
    var events = new ArrayList<EventEnvelope>();
    for (var value : values) {
      try {
        var event = json.readValue(value, EventEnvelope.class);
        if (type.equals(event.type())) {
          events.add(event);
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    assertThat(events)
        .as("%s events for %s on %s", type, key, topic)
        .hasSizeGreaterThanOrEqualTo(count);
    return events;
  }
}

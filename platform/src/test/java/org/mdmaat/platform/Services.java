package org.mdmaat.platform;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.mdmaat.devstack.KafkaAccess;
import org.mdmaat.devstack.KafkaBroker;
import org.mdmaat.devstack.KeycloakServer;
import org.mdmaat.devstack.PostgresServer;

/** Direct access to the test's real PostgreSQL, Kafka and Keycloak, past the application. */
public final class Services {
  /** The test application's database (PostgresResource init arg). */
  public static final String DATABASE = "platform";

  private Services() {}

  public static RequestSpecification as(String user) {
    return given().auth().oauth2(KeycloakServer.shared().accessToken(user, "demo"));
  }

  /**
   * A JDBC connection as the server's superuser, e.g. to tamper with rows the way an attacker
   * would.
   */
  public static Connection database() throws SQLException {
    var postgres = PostgresServer.shared();
    return DriverManager.getConnection(
        postgres.jdbcUrl(DATABASE), postgres.username(), postgres.password());
  }

  /** A JDBC connection as the role the application runs as (PostgresResource's runtime role). */
  public static Connection databaseAsRuntimeRole() throws SQLException {
    var postgres = PostgresServer.shared();
    var role = postgres.runtimeRole(DATABASE);
    return DriverManager.getConnection(postgres.jdbcUrl(DATABASE), role, postgres.password(role));
  }

  public static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * Records on {@code topic} matching {@code wanted}, read from the start until {@code atLeast} of
   * them were found or {@code waitFor} has passed.
   */
  public static List<ConsumerRecord<String, String>> records(
      String topic,
      Predicate<ConsumerRecord<String, String>> wanted,
      int atLeast,
      Duration waitFor) {
    return records(topic, wanted, found -> found.size() >= atLeast, waitFor);
  }

  /** Records on {@code topic} matching {@code wanted}, read from the start until {@code enough}. */
  public static List<ConsumerRecord<String, String>> records(
      String topic,
      Predicate<ConsumerRecord<String, String>> wanted,
      Predicate<List<ConsumerRecord<String, String>>> enough,
      Duration waitFor) {
    var props = KafkaAccess.adminClient(KafkaBroker.shared().bootstrapServers());
    props.put("group.id", "platform-test-" + UUID.randomUUID());
    props.put("auto.offset.reset", "earliest");
    var found = new ArrayList<ConsumerRecord<String, String>>();
    try (var consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + waitFor.toNanos();
      while (System.nanoTime() < deadline && !enough.test(found)) {
        for (var record : consumer.poll(Duration.ofMillis(200))) {
          if (wanted.test(record)) {
            found.add(record);
          }
        }
      }
    }
    return found;
  }

  public static void send(String topic, String key, String value) throws Exception {
    var props = KafkaAccess.adminClient(KafkaBroker.shared().bootstrapServers());
    try (var producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    }
  }
}

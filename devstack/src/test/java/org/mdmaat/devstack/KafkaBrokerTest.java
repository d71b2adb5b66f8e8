package org.mdmaat.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaBrokerTest {
  @Test
  void keepsAcknowledgedRecordsAcrossARestart() throws Exception {
    var kafka = KafkaBroker.shared();
    var topic = "devstack-test-" + UUID.randomUUID();

    try (var producer = producer(kafka)) {
      producer.send(new ProducerRecord<>(topic, "key-1", "before restart")).get();
    }
    assertThat(consumeAll(kafka, topic, 1)).containsExactly("before restart");

    kafka.restart();
    assertThat(kafka.isRunning()).isTrue();

    assertThat(consumeAll(kafka, topic, 1)).containsExactly("before restart");
    try (var producer = producer(kafka)) {
      producer.send(new ProducerRecord<>(topic, "key-2", "after restart")).get();
    }
    assertThat(consumeAll(kafka, topic, 2)).containsExactly("before restart", "after restart");
  }

  @Test
  void refusesClientsWithoutCredentialsAndWritesToTopicsTheyDoNotOwn() throws Exception {
    var kafka = KafkaBroker.shared();

    // No credentials: the broker does not complete the handshake, nothing is written.
    var anonymous = new HashMap<String, Object>();
    anonymous.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    anonymous.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
    try (var producer =
        new KafkaProducer<>(anonymous, new StringSerializer(), new StringSerializer())) {
      var failure =
          catchThrowable(
              () -> producer.send(new ProducerRecord<>("safety.signals", "k", "forged")).get());
      assertThat(failure).isNotNull();
    }

    // session-service may write its own topics ...
    try (var producer = producerAs(kafka, "session-service")) {
      producer.send(new ProducerRecord<>("session.sessions", "k", "own")).get();
      // ... but not safety-service's (a TrialEnrollmentPaused or a lifted hold in its name).
      var failure =
          catchThrowable(
              () -> producer.send(new ProducerRecord<>("safety.signals", "k", "forged")).get());
      assertThat(failure).hasCauseInstanceOf(TopicAuthorizationException.class);
    }
    assertThat(consumeAll(kafka, "safety.signals", 1)).doesNotContain("forged");
  }

  private static KafkaProducer<String, String> producer(KafkaBroker kafka) {
    return producerAs(kafka, KafkaAccess.ADMIN);
  }

  private static KafkaProducer<String, String> producerAs(KafkaBroker kafka, String principal) {
    var config = new HashMap<String, Object>(KafkaAccess.clientConfig(principal));
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10000);
    return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
  }

  /** Reads the topic from the start with a new group until {@code expected} values have arrived. */
  private static List<String> consumeAll(KafkaBroker kafka, String topic, int expected) {
    var values = new ArrayList<String>();
    var config = new HashMap<String, Object>(KafkaAccess.clientConfig(KafkaAccess.ADMIN));
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "devstack-test-" + UUID.randomUUID());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (var consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(record -> values.add(record.value()));
      }
    }
    return values;
  }
}

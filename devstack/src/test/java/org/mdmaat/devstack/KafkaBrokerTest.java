package org.mdmaat.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
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

  private static KafkaProducer<String, String> producer(KafkaBroker kafka) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all"),
        new StringSerializer(),
        new StringSerializer());
  }

  /** Reads the topic from the start with a new group until {@code expected} values have arrived. */
  private static List<String> consumeAll(KafkaBroker kafka, String topic, int expected) {
    var values = new ArrayList<String>();
    try (var consumer =
        new KafkaConsumer<>(
            Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "devstack-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(record -> values.add(record.value()));
      }
    }
    return values;
  }
}

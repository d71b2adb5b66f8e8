package org.mdmaat.platform.deadletter;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.mdmaat.contracts.events.Topics;
import org.mdmaat.platform.problem.PlatformProblems;
import org.mdmaat.platform.problem.Problem;

/**
 * The dead-letter topics of this service's own topics, read and replayed with the service's own
 * Kafka identity (blocking: call from a worker thread).
 *
 * <p>Why the owner replays: a consumer parks a record it cannot apply on {@code <topic>.dlq}, but
 * only the topic's owner may write {@code <topic>} (the broker's ACLs; its prefix ACL also covers
 * the dead-letter twin), and every consumer's inbox applies an event once, so a record replayed to
 * all consumers changes only those that had not applied it. What was replayed is remembered as the
 * committed offsets of the consumer group {@code <service>.redrive}, committed only after the
 * redrive was audited: a redrive that failed midway is replayed again, harmlessly, and audited.
 */
@ApplicationScoped
public class DeadLetters {
  public static final String SUFFIX = ".dlq";
  static final int DEFAULT_LIMIT = 500;
  static final int MAX_LIMIT = 5000;

  private static final Logger LOG = Logger.getLogger(DeadLetters.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final String DEAD_LETTER_HEADERS = "dead-letter-";

  private final Map<String, Object> kafka;
  private final String service;
  private final ObjectMapper json;

  DeadLetters(
      @Identifier("default-kafka-broker") Map<String, Object> kafka,
      @ConfigProperty(name = "quarkus.application.name") String service,
      ObjectMapper json) {
    this.kafka = kafka;
    this.service = service;
    this.json = json;
  }

  /** The consumer group whose committed offsets say what was replayed. */
  public String group() {
    return service + ".redrive";
  }

  /** Whether {@code topic} (not a dead-letter topic) is this service's own. */
  public boolean owns(String topic) {
    if (topic == null || topic.endsWith(SUFFIX)) {
      return false;
    }
    try {
      return Topics.owner(topic).equals(service);
    } catch (IllegalArgumentException notATopic) {
      return false;
    }
  }

  /** Every dead-letter topic of this service's topics that exists, by topic name. */
  public List<DeadLetterTopic> list() {
    return withConsumer(
        consumer -> {
          var found = new ArrayList<DeadLetterTopic>();
          consumer.listTopics(TIMEOUT).keySet().stream()
              .filter(name -> name.endsWith(SUFFIX))
              .map(name -> name.substring(0, name.length() - SUFFIX.length()))
              .filter(this::owns)
              .sorted()
              .forEach(topic -> found.add(describe(consumer, topic)));
          return found;
        });
  }

  /** One dead-letter topic; 404 when {@code topic} is not this service's or has none. */
  public DeadLetterTopic describe(String topic) {
    return withConsumer(consumer -> describe(consumer, topic));
  }

  /** Records read and replayed, and the offsets to commit once the redrive is audited. */
  public record Replayed(Redrive redrive, Map<TopicPartition, OffsetAndMetadata> next) {}

  /**
   * Replays up to {@code limit} records not yet replayed from {@code <topic>.dlq} onto {@code
   * topic}, key, value and headers unchanged (less the dead-letter strategy's {@code dead-letter-*}
   * headers), and waits for the broker's acknowledgement of each. Commit {@link Replayed#next} with
   * {@link #remember} after auditing it.
   */
  public Replayed replay(String topic, int limit) {
    return withConsumer(
        consumer -> {
          var partitions = partitionsOf(consumer, topic);
          consumer.assign(partitions);
          var ends = consumer.endOffsets(partitions, TIMEOUT);
          var next = new HashMap<TopicPartition, OffsetAndMetadata>();
          for (var entry : startOffsets(consumer, partitions).entrySet()) {
            consumer.seek(entry.getKey(), entry.getValue());
            next.put(entry.getKey(), new OffsetAndMetadata(entry.getValue()));
          }
          var records = new ArrayList<ConsumerRecord<String, String>>();
          long deadline = System.nanoTime() + TIMEOUT.multipliedBy(3).toNanos();
          while (records.size() < limit && behind(consumer, partitions, ends)) {
            if (System.nanoTime() > deadline) {
              throw unavailable(null);
            }
            for (var record : consumer.poll(Duration.ofMillis(200))) {
              var partition = new TopicPartition(record.topic(), record.partition());
              if (records.size() >= limit || record.offset() >= ends.get(partition)) {
                continue;
              }
              records.add(record);
              next.put(partition, new OffsetAndMetadata(record.offset() + 1));
            }
          }
          var ids = send(topic, records);
          long pending = 0;
          for (var partition : partitions) {
            pending += ends.get(partition) - next.get(partition).offset();
          }
          return new Replayed(
              new Redrive(topic, topic + SUFFIX, records.size(), ids, pending), Map.copyOf(next));
        });
  }

  /** Commits what a redrive replayed, so that the next one starts after it. */
  public void remember(Map<TopicPartition, OffsetAndMetadata> next) {
    withConsumer(
        consumer -> {
          consumer.commitSync(next, TIMEOUT);
          return null;
        });
  }

  private DeadLetterTopic describe(KafkaConsumer<String, String> consumer, String topic) {
    var partitions = partitionsOf(consumer, topic);
    var begins = consumer.beginningOffsets(partitions, TIMEOUT);
    var ends = consumer.endOffsets(partitions, TIMEOUT);
    var starts = startOffsets(consumer, partitions);
    long parked = 0;
    long pending = 0;
    for (var partition : partitions) {
      parked += ends.get(partition) - begins.get(partition);
      pending += ends.get(partition) - starts.get(partition);
    }
    return new DeadLetterTopic(topic, topic + SUFFIX, parked, pending);
  }

  private List<TopicPartition> partitionsOf(KafkaConsumer<String, String> consumer, String topic) {
    if (!owns(topic)) {
      throw unknown(topic);
    }
    var infos = consumer.listTopics(TIMEOUT).get(topic + SUFFIX);
    if (infos == null || infos.isEmpty()) {
      throw unknown(topic);
    }
    return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
  }

  /** Where the next redrive starts: after the last one, or at the oldest record still kept. */
  private static Map<TopicPartition, Long> startOffsets(
      KafkaConsumer<String, String> consumer, List<TopicPartition> partitions) {
    var begins = consumer.beginningOffsets(partitions, TIMEOUT);
    var committed = consumer.committed(java.util.Set.copyOf(partitions), TIMEOUT);
    var starts = new HashMap<TopicPartition, Long>();
    for (var partition : partitions) {
      var done = committed.get(partition);
      long begin = begins.get(partition);
      starts.put(partition, done == null ? begin : Math.max(begin, done.offset()));
    }
    return starts;
  }

  private static boolean behind(
      KafkaConsumer<String, String> consumer,
      List<TopicPartition> partitions,
      Map<TopicPartition, Long> ends) {
    for (var partition : partitions) {
      if (consumer.position(partition, TIMEOUT) < ends.get(partition)) {
        return true;
      }
    }
    return false;
  }

  private List<String> send(String topic, List<ConsumerRecord<String, String>> records) {
    var ids = new ArrayList<String>();
    if (records.isEmpty()) {
      return ids;
    }
    var props = properties("producer");
    props.put("acks", "all");
    try (var producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      var sent = new ArrayList<Future<RecordMetadata>>();
      for (var record : records) {
        var headers = new RecordHeaders();
        for (var header : record.headers()) {
          if (!header.key().startsWith(DEAD_LETTER_HEADERS)) {
            headers.add(header);
          }
        }
        sent.add(
            producer.send(
                new ProducerRecord<>(topic, null, record.key(), record.value(), headers)));
        ids.add(eventId(record));
      }
      producer.flush();
      for (var future : sent) {
        future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(e);
    } catch (ExecutionException | TimeoutException e) {
      throw unavailable(e);
    }
    return ids;
  }

  private String eventId(ConsumerRecord<String, String> record) {
    try {
      var id = record.value() == null ? null : json.readTree(record.value()).path("id");
      if (id != null && id.isTextual()) {
        return id.asText();
      }
    } catch (Exception unreadable) {
      // named by its position below
    }
    return "unreadable@" + record.partition() + ":" + record.offset();
  }

  private <T> T withConsumer(java.util.function.Function<KafkaConsumer<String, String>, T> work) {
    var props = properties("consumer");
    props.put("group.id", group());
    props.put("enable.auto.commit", "false");
    props.put("auto.offset.reset", "earliest");
    try (var consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      return work.apply(consumer);
    } catch (Problem problem) {
      throw problem;
    } catch (KafkaException e) {
      throw unavailable(e);
    }
  }

  private Properties properties(String role) {
    var props = new Properties();
    kafka.forEach(
        (name, value) -> {
          if (value != null) {
            props.put(name, value.toString());
          }
        });
    props.put("client.id", service + "-redrive-" + role);
    return props;
  }

  private static Problem unknown(String topic) {
    return PlatformProblems.DEAD_LETTER_TOPIC_UNKNOWN.problem(
        "No dead-letter topic "
            + topic
            + SUFFIX
            + " of this service's topics (name the topic itself, one this service publishes).");
  }

  private static Problem unavailable(Exception cause) {
    if (cause != null) {
      LOG.errorf(cause, "Dead letters could not be read or replayed");
    }
    return PlatformProblems.DEAD_LETTERS_UNAVAILABLE.problem(
        "Kafka did not answer in time; nothing was recorded as replayed, try again.");
  }
}

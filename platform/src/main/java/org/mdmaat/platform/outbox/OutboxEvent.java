package org.mdmaat.platform.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/** An event waiting in the outbox (published_at null) or already handed to Kafka. */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  @Column(name = "seq", updatable = false)
  private Long seq;

  /** The event id ({@code EventEnvelope.id}), which consumers deduplicate on. */
  @Column(name = "id", nullable = false, updatable = false)
  private UUID id;

  @Column(name = "topic", nullable = false, updatable = false)
  private String topic;

  /** The Kafka record key: events with the same key stay in order on one partition. */
  @Column(name = "message_key", updatable = false)
  private String messageKey;

  @Column(name = "type", nullable = false, updatable = false)
  private String type;

  /** The whole envelope as JSON: the Kafka record's value. */
  @Column(name = "payload", nullable = false, updatable = false)
  private String payload;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  @Column(name = "published_at")
  private Instant publishedAt;

  /** The W3C {@code traceparent} of the span that wrote the event; null outside a trace. */
  @Column(name = "trace_parent", updatable = false)
  private String traceParent;

  /** The W3C {@code tracestate} with it; null when empty. */
  @Column(name = "trace_state", updatable = false)
  private String traceState;

  protected OutboxEvent() {}

  public OutboxEvent(UUID id, String topic, String messageKey, String type, String payload) {
    this.id = Objects.requireNonNull(id, "id");
    this.topic = Objects.requireNonNull(topic, "topic");
    this.messageKey = messageKey;
    this.type = Objects.requireNonNull(type, "type");
    this.payload = Objects.requireNonNull(payload, "payload");
    this.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  /** As above, written within the trace {@code traceParent}/{@code traceState} (both nullable). */
  public OutboxEvent(
      UUID id,
      String topic,
      String messageKey,
      String type,
      String payload,
      String traceParent,
      String traceState) {
    this(id, topic, messageKey, type, payload);
    this.traceParent = traceParent;
    this.traceState = traceState;
  }

  public Long getSeq() {
    return seq;
  }

  public UUID getId() {
    return id;
  }

  public String getTopic() {
    return topic;
  }

  public String getMessageKey() {
    return messageKey;
  }

  public String getType() {
    return type;
  }

  public String getPayload() {
    return payload;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }

  /** When Kafka acknowledged the event; null while it waits. */
  public Instant getPublishedAt() {
    return publishedAt;
  }

  public String getTraceParent() {
    return traceParent;
  }

  public String getTraceState() {
    return traceState;
  }
}

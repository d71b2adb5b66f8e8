package org.mdmaat.platform.inbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/**
 * An event a consumer has applied; written by {@link Inbox} in the same transaction as the effect.
 */
@Entity
@Immutable
@Table(name = "processed_event")
@IdClass(ProcessedEvent.Key.class)
public class ProcessedEvent {
  @Id
  @Column(name = "consumer", nullable = false, updatable = false)
  private String consumer;

  @Id
  @Column(name = "event_id", nullable = false, updatable = false)
  private UUID eventId;

  @Column(name = "processed_at", nullable = false, updatable = false)
  private Instant processedAt;

  protected ProcessedEvent() {}

  public String getConsumer() {
    return consumer;
  }

  public UUID getEventId() {
    return eventId;
  }

  public Instant getProcessedAt() {
    return processedAt;
  }

  /** The primary key: one row per consumer and event. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;

    private String consumer;
    private UUID eventId;

    protected Key() {}

    public Key(String consumer, UUID eventId) {
      this.consumer = consumer;
      this.eventId = eventId;
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key key
          && Objects.equals(consumer, key.consumer)
          && Objects.equals(eventId, key.eventId);
    }

    @Override
    public int hashCode() {
      return Objects.hash(consumer, eventId);
    }
  }
}

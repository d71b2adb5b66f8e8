package org.mdmaat.platform.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Objects;
import java.util.function.Supplier;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.contracts.events.Topics;

/**
 * Makes consumers idempotent: Kafka delivers at least once (the outbox relay may resend, a consumer
 * may be restarted before committing its offset), and {@link #processOnce} applies each event id
 * once per consumer.
 *
 * <pre>{@code
 * @Incoming("dosing-holds")
 * Uni<Void> on(String payload) {
 *   EventEnvelope event = inbox.parse(payload, Topics.DOSING_HOLDS);
 *   return Panache.withTransaction(
 *           () -> inbox.processOnce("session.dosing-holds", event, () -> apply(event)))
 *       .replaceWithVoid();
 * }
 * }</pre>
 */
@ApplicationScoped
public class Inbox {
  private static final String MARK_PROCESSED =
      "insert into processed_event (consumer, event_id, processed_at)"
          + " values (:consumer, :eventId, now()) on conflict do nothing";

  /** Messages refused before any effect, by topic and reason (malformed, forged). */
  static final String REFUSED = "mdmaat.events.refused";

  /** Events whose effect found them contradicting what the consumer holds, by consumer. */
  static final String CONFLICTING = "mdmaat.events.conflicting";

  private final ObjectMapper envelopes;
  private final MeterRegistry meters;

  Inbox(ObjectMapper json, MeterRegistry meters) {
    this.meters = meters;
    // Envelopes may gain optional fields (contracts change only compatibly): tolerate them here,
    // even where the service refuses unknown fields in its API.
    this.envelopes =
        json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  }

  /**
   * In the caller's current transaction: records that {@code consumer} processed {@code event} and
   * runs {@code effect}, or, when it already had, does nothing. Returns whether the effect ran. A
   * failing effect rolls back with the record, so the event is tried again (or, with the
   * dead-letter-queue strategy, parked); an effect that throws {@link ConflictingEvent} is also
   * counted ({@value #CONFLICTING}).
   */
  public Uni<Boolean> processOnce(
      String consumer, EventEnvelope event, Supplier<Uni<Void>> effect) {
    return Uni.createFrom()
        .deferred(
            () -> {
              Objects.requireNonNull(consumer, "consumer");
              Objects.requireNonNull(event, "event");
              Objects.requireNonNull(effect, "effect");
              return Panache.getSession();
            })
        .chain(
            session -> {
              if (session.currentTransaction() == null) {
                return Uni.createFrom()
                    .failure(
                        new IllegalStateException(
                            "Inbox.processOnce must run in the transaction of the effect"
                                + " (Panache.withTransaction or @WithTransaction)"));
              }
              return session
                  .createNativeQuery(MARK_PROCESSED)
                  .setParameter("consumer", consumer)
                  .setParameter("eventId", event.id())
                  .executeUpdate()
                  .chain(
                      inserted ->
                          inserted == 1
                              ? Uni.createFrom().deferred(effect::get).replaceWith(Boolean.TRUE)
                              : Uni.createFrom().item(Boolean.FALSE))
                  .onFailure(ConflictingEvent.class)
                  .invoke(
                      conflict -> meters.counter(CONFLICTING, "consumer", consumer).increment());
            });
  }

  /**
   * Reads a Kafka record's value from {@code topic} as an event envelope written by the topic's
   * owner ({@link Topics#owner}). Throws {@link InvalidEvent}, naming what is wrong, for anything
   * else: a malformed message, or an envelope whose {@code source} is not the owner (forged, or
   * written to the wrong topic). Each refusal is counted ({@value #REFUSED}); the consumer's
   * dead-letter strategy keeps the message.
   */
  public EventEnvelope parse(String payload, String topic) {
    String owner = Topics.owner(topic);
    EventEnvelope envelope;
    try {
      envelope = read(payload);
    } catch (InvalidEvent e) {
      refused(topic, "malformed");
      throw e;
    }
    if (!owner.equals(envelope.source())) {
      refused(topic, "source");
      throw new InvalidEvent(
          "event "
              + envelope.id()
              + " on "
              + topic
              + " claims source '"
              + envelope.source()
              + "'; only "
              + owner
              + " writes this topic",
          null);
    }
    return envelope;
  }

  private void refused(String topic, String reason) {
    meters.counter(REFUSED, "topic", topic, "reason", reason).increment();
  }

  private EventEnvelope read(String payload) {
    if (payload == null || payload.isBlank()) {
      throw new InvalidEvent("empty message: no event envelope", null);
    }
    try {
      var envelope = envelopes.readValue(payload, EventEnvelope.class);
      if (envelope == null) {
        throw new InvalidEvent("message is JSON null, not an event envelope", null);
      }
      return envelope;
    } catch (InvalidEvent e) {
      throw e;
    } catch (Exception e) {
      // The cause's message names the missing or malformed field (id, type, source, time, data).
      throw new InvalidEvent("message is not a valid event envelope: " + rootMessage(e), e);
    }
  }

  private static String rootMessage(Exception e) {
    // Jackson's own message names the field; without the location it is one readable line.
    String message =
        e instanceof JsonProcessingException jackson
            ? jackson.getOriginalMessage()
            : e.getMessage();
    if (message == null) {
      return e.getClass().getSimpleName();
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}

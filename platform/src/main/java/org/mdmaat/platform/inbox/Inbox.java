package org.mdmaat.platform.inbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.contracts.events.Topics;
import org.mdmaat.platform.correlation.Correlation;

/**
 * Makes consumers idempotent: Kafka delivers at least once (the outbox relay may resend, a consumer
 * may be restarted before committing its offset), and {@link #processOnce} applies each event id
 * once per consumer.
 *
 * <pre>{@code
 * @Incoming("dosing-holds")
 * Uni<Void> on(String payload) {
 *   EventEnvelope event = inbox.parse(payload, Topics.DOSING_HOLDS);
 *   return inbox
 *       .applyOnce("session.dosing-holds", Topics.DOSING_HOLDS, event, () -> apply(event))
 *       .replaceWithVoid();
 * }
 * }</pre>
 *
 * <p>{@link #applyOnce} retries a transient failure with backoff before the message reaches the
 * consumer's dead-letter topic; an invalid message ({@link #parse}) goes there at once.
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

  /** Attempts of an event's effect retried after a transient failure, by consumer. */
  static final String RETRIED = "mdmaat.events.retried";

  /**
   * Events whose effect failed for good and went to the dead-letter topic, by the topic they came
   * from ({@code <topic>.dlq} holds them), consumer and reason ({@code invalid}, {@code
   * conflicting}, {@code exhausted}). Messages refused by {@link #parse} are counted in {@value
   * #REFUSED}, by topic.
   */
  static final String DEAD_LETTERED = "mdmaat.events.dead.lettered";

  /** Span attribute naming the correlation id of the request that caused the event. */
  public static final String CORRELATION_ATTRIBUTE = "mdmaat.correlation_id";

  private static final Logger LOG = Logger.getLogger(Inbox.class);

  private final ObjectMapper envelopes;
  private final MeterRegistry meters;
  private final InboxConfig config;
  private final Tracer tracer;

  /** Without tracing (parsing tests). */
  Inbox(ObjectMapper json, MeterRegistry meters, InboxConfig config) {
    this(json, meters, config, OpenTelemetry.noop().getTracer("org.mdmaat.platform.inbox"));
  }

  @Inject
  Inbox(ObjectMapper json, MeterRegistry meters, InboxConfig config, Tracer tracer) {
    this.meters = meters;
    this.config = config;
    this.tracer = tracer;
    // Envelopes may gain optional fields (contracts change only compatibly): tolerate them here,
    // even where the service refuses unknown fields in its API.
    this.envelopes =
        json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  }

  /**
   * {@link #processOnce} in a transaction of its own, retried with exponential backoff ({@link
   * InboxConfig}) while it fails for a reason that may pass: each attempt is a new transaction, so
   * a failed one leaves nothing behind and the event is still applied once. What retrying cannot
   * change fails at once, for the dead-letter strategy: an event whose data is invalid ({@link
   * InvalidEvent}, {@link IllegalArgumentException}) or contradicts what the consumer holds ({@link
   * ConflictingEvent}). Must be called on the consumer's Vert.x context (as {@code @Incoming}
   * methods returning a {@code Uni} are); the retries run there too. {@code topic} is the one the
   * event was read from ({@link #parse}): a dead letter is counted by it.
   */
  public Uni<Boolean> applyOnce(
      String consumer, String topic, EventEnvelope event, Supplier<Uni<Void>> effect) {
    Context context = Vertx.currentContext();
    if (context == null) {
      return Uni.createFrom()
          .failure(
              new IllegalStateException(
                  "Inbox.applyOnce must be called on a Vert.x context (an @Incoming method)"));
    }
    // What the consumer writes (audit entries, logs) names the request that caused the event.
    if (event.correlationId() != null) {
      MDC.put(Correlation.MDC_KEY, Correlation.acceptOrCreate(event.correlationId()));
    } else {
      MDC.remove(Correlation.MDC_KEY);
    }
    // The effect is a span in the event's trace: the Kafka instrumentation has made the record's
    // consumer span (child of the traceparent the outbox relay sent) current on this context.
    // Current until the last attempt ends, so the effect's own spans, log lines and audit entries
    // belong to it.
    Span span =
        tracer
            .spanBuilder(consumer + " process")
            .setSpanKind(SpanKind.CONSUMER)
            .setAttribute("messaging.operation.type", "process")
            .setAttribute("messaging.consumer.group.name", consumer)
            .setAttribute("messaging.message.id", event.id().toString())
            .setAttribute("cloudevents.event_type", event.type())
            // The link from an audit entry (which names the correlation id) to this trace.
            .setAttribute(CORRELATION_ATTRIBUTE, nullToEmpty(event.correlationId()))
            .startSpan();
    Scope scope = span.makeCurrent();
    return attempt(context, consumer, event, effect, 1)
        .onFailure()
        .invoke(
            failure -> {
              span.recordException(failure);
              span.setStatus(StatusCode.ERROR);
              meters
                  .counter(
                      DEAD_LETTERED,
                      "topic",
                      topic,
                      "consumer",
                      consumer,
                      "reason",
                      deadLetterReason(failure))
                  .increment();
            })
        .onTermination()
        .invoke(
            () -> {
              scope.close();
              span.end();
            });
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }

  private static String deadLetterReason(Throwable failure) {
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof ConflictingEvent) {
        return "conflicting";
      }
      if (t instanceof InvalidEvent || t instanceof IllegalArgumentException) {
        return "invalid";
      }
    }
    return "exhausted";
  }

  private Uni<Boolean> attempt(
      Context context,
      String consumer,
      EventEnvelope event,
      Supplier<Uni<Void>> effect,
      int attempt) {
    return Panache.withTransaction(() -> processOnce(consumer, event, effect))
        .onFailure(failure -> isTransient(failure) && attempt < config.attempts())
        .recoverWithUni(
            failure -> {
              var wait = backoff(attempt);
              meters.counter(RETRIED, "consumer", consumer).increment();
              LOG.warnf(
                  "%s: event %s failed (attempt %d of %d), retrying in %d ms: %s",
                  consumer,
                  event.id(),
                  attempt,
                  config.attempts(),
                  wait.toMillis(),
                  failure.toString());
              return after(context, wait)
                  .chain(() -> attempt(context, consumer, event, effect, attempt + 1));
            });
  }

  /** Whether retrying may succeed: not for an invalid or contradicting event. */
  static boolean isTransient(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof InvalidEvent
          || t instanceof ConflictingEvent
          || t instanceof IllegalArgumentException) {
        return false;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return true;
  }

  private Duration backoff(int attempt) {
    long initial = config.initialBackoff().toMillis();
    long max = config.maxBackoff().toMillis();
    long wait = initial << Math.min(attempt - 1, 20);
    return Duration.ofMillis(Math.min(wait, max));
  }

  /** Completes on {@code context} after {@code wait}: the next attempt's session needs it. */
  private static Uni<Void> after(Context context, Duration wait) {
    return Uni.createFrom()
        .emitter(
            emitter ->
                context
                    .owner()
                    .setTimer(
                        Math.max(1, wait.toMillis()),
                        id -> context.runOnContext(ignored -> emitter.complete(null))));
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

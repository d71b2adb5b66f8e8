package org.mdmaat.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Objects;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.platform.correlation.Correlation;

/**
 * Publishes events transactionally: {@link #publish} stores the event in {@code outbox_event} in
 * the caller's transaction, and {@link OutboxRelay} sends it to Kafka after the commit. So an event
 * goes out if and only if its change was committed (at least once; consumers deduplicate on the
 * event id).
 */
@ApplicationScoped
public class Outbox {
  private final ObjectMapper json;

  Outbox(ObjectMapper json) {
    this.json = json;
  }

  /**
   * Stores {@code envelope} for {@code topic} with record key {@code key} (e.g. the participant
   * code or trial id, so that one participant's events stay in order), in the caller's current
   * transaction ({@code Panache.withTransaction} or {@code @WithTransaction}); fails without one.
   * The envelope carries the current correlation id unless it names one.
   */
  public Uni<Void> publish(String topic, String key, EventEnvelope envelope) {
    // The request's correlation id travels in the envelope, so a consumer's audit entries name it.
    String correlation = Correlation.current();
    // So is the trace (the current span's W3C context): the relay sends the event within it and
    // the consumer continues it, one trace from the request to the consumer's effect.
    var trace = TraceContext.headersOf(io.opentelemetry.context.Context.current());
    return Uni.createFrom()
        .deferred(
            () -> {
              Objects.requireNonNull(topic, "topic");
              Objects.requireNonNull(envelope, "envelope");
              var sent =
                  envelope.correlationId() == null && correlation != null
                      ? envelope.withCorrelationId(correlation)
                      : envelope;
              var event =
                  new OutboxEvent(
                      sent.id(),
                      topic,
                      key,
                      sent.type(),
                      write(sent),
                      trace.get(TraceContext.TRACEPARENT),
                      trace.get(TraceContext.TRACESTATE));
              return Panache.getSession()
                  .chain(
                      session -> {
                        if (session.currentTransaction() == null) {
                          return Uni.createFrom()
                              .failure(
                                  new IllegalStateException(
                                      "Outbox.publish must run in the transaction of the change"
                                          + " it announces (Panache.withTransaction or"
                                          + " @WithTransaction)"));
                        }
                        return session.persist(event);
                      });
            });
  }

  private String write(EventEnvelope envelope) {
    try {
      return json.writeValueAsString(envelope);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "event " + envelope.id() + " (" + envelope.type() + ") cannot be written as JSON", e);
    }
  }
}

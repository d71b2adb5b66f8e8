package org.mdmaat.contracts.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;

/**
 * The CloudEvents-style envelope every event travels in. Consumers deduplicate on {@link #id()}, so
 * a redelivered event is never applied twice.
 *
 * @param id unique per event, kept across redeliveries
 * @param type one of {@link EventTypes}
 * @param source the producing service, e.g. {@code safety-service}
 * @param trialId the trial the event belongs to
 * @param participantCode pseudonymous participant code, or null for trial-level events
 * @param time when the fact happened, UTC
 * @param data the payload, one of the records in this package
 * @param correlationId the correlation id of the request that caused the event (the outbox adds
 *     it), so that what a consumer does is traced to that request; null if none (absent in JSON)
 */
public record EventEnvelope(
    UUID id,
    String type,
    String source,
    String trialId,
    String participantCode,
    Instant time,
    JsonNode data,
    @JsonInclude(JsonInclude.Include.NON_NULL) String correlationId) {

  @JsonCreator
  public EventEnvelope {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(data, "data");
  }

  /** An envelope without a correlation id (the outbox adds the current request's). */
  public EventEnvelope(
      UUID id,
      String type,
      String source,
      String trialId,
      String participantCode,
      Instant time,
      JsonNode data) {
    this(id, type, source, trialId, participantCode, time, data, null);
  }

  /** This envelope with {@code correlationId}. */
  public EventEnvelope withCorrelationId(String correlationId) {
    return new EventEnvelope(id, type, source, trialId, participantCode, time, data, correlationId);
  }

  public static EventEnvelope of(
      String type, String source, String trialId, String participantCode, JsonNode data) {
    // Microseconds: what PostgreSQL keeps, so a stored and re-read time compares equal.
    return new EventEnvelope(
        UUID.randomUUID(),
        type,
        source,
        trialId,
        participantCode,
        Instant.now().truncatedTo(ChronoUnit.MICROS),
        data);
  }
}

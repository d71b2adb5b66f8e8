package org.mdmaat.contracts.events;

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
 */
public record EventEnvelope(
    UUID id,
    String type,
    String source,
    String trialId,
    String participantCode,
    Instant time,
    JsonNode data) {

  public EventEnvelope {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(data, "data");
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

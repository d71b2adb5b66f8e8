package org.mdmaat.platform.audit;

import java.time.Instant;
import java.util.UUID;

/** An access log entry as {@code GET /audit/access-log} shows it. */
public record AccessLogEntryView(
    long seq,
    UUID id,
    Instant occurredAt,
    String actor,
    String actorId,
    String actorRoles,
    String resourceKind,
    String resource,
    String reason,
    String correlationId,
    String prevHash,
    String hash) {

  static AccessLogEntryView of(AccessLogEntry e) {
    return new AccessLogEntryView(
        e.getSeq(),
        e.getId(),
        e.getOccurredAt(),
        e.getActor(),
        e.getActorId(),
        e.getActorRoles(),
        e.getResourceKind(),
        e.getResource(),
        e.getReason(),
        e.getCorrelationId(),
        e.getPrevHash(),
        e.getHash());
  }
}

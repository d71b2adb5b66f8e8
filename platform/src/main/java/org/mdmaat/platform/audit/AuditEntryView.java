package org.mdmaat.platform.audit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import java.io.IOException;
import java.time.Instant;
import java.util.UUID;

/**
 * An audit entry as the regulator reads it. {@code before} and {@code after} are the stored JSON
 * text embedded as JSON, byte for byte, so the hash can be recomputed from the answer; text that is
 * not a single JSON value (only possible if the row was tampered with) is given as a string. {@code
 * traceId} is not hashed (see {@link AuditEntry}).
 */
public record AuditEntryView(
    long seq,
    UUID id,
    Instant occurredAt,
    String actor,
    String actorRoles,
    String entityType,
    String entityId,
    String action,
    Object before,
    Object after,
    String reason,
    String trialId,
    String participantCode,
    String correlationId,
    String traceId,
    String prevHash,
    String hash) {

  private static final ObjectMapper CHECK = new ObjectMapper();

  public static AuditEntryView of(AuditEntry entry) {
    return new AuditEntryView(
        entry.getSeq(),
        entry.getId(),
        entry.getOccurredAt(),
        entry.getActor(),
        entry.getActorRoles(),
        entry.getEntityType(),
        entry.getEntityId(),
        entry.getAction(),
        embedded(entry.getBeforeState()),
        embedded(entry.getAfterState()),
        entry.getReason(),
        entry.getTrialId(),
        entry.getParticipantCode(),
        entry.getCorrelationId(),
        entry.getTraceId(),
        entry.getPrevHash(),
        entry.getHash());
  }

  private static Object embedded(String json) {
    if (json == null) {
      return null;
    }
    return isOneJsonValue(json) ? new RawValue(json) : json;
  }

  static boolean isOneJsonValue(String text) {
    try (JsonParser parser = CHECK.getFactory().createParser(text)) {
      if (parser.nextToken() == null) {
        return false;
      }
      parser.skipChildren();
      return parser.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }
}

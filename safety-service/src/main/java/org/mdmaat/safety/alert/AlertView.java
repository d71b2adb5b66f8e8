package org.mdmaat.safety.alert;

import java.time.Instant;
import java.util.UUID;

public record AlertView(
    UUID id,
    AlertKind kind,
    String vital,
    AlertLevel level,
    String participantCode,
    String trialId,
    String siteCode,
    String sessionId,
    String summary,
    Instant raisedAt,
    Instant episodeEndedAt,
    boolean acknowledged,
    String acknowledgedBy,
    Instant acknowledgedAt,
    String acknowledgementNote,
    boolean escalated,
    Instant escalatedAt) {

  public static AlertView of(SafetyAlert a) {
    return new AlertView(
        a.id,
        a.kind,
        a.vital,
        a.level,
        a.participantCode,
        a.trialId,
        a.siteCode,
        a.sessionId,
        a.summary,
        a.raisedAt,
        a.episodeEndedAt,
        a.acknowledgedAt != null,
        a.acknowledgedBy,
        a.acknowledgedAt,
        a.acknowledgementNote,
        a.escalatedAt != null,
        a.escalatedAt);
  }
}

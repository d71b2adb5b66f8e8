package org.mdmaat.session.booking;

import java.time.Instant;
import java.util.UUID;

public record DeviationView(
    UUID id,
    UUID sessionId,
    String participantCode,
    String trialId,
    String siteCode,
    String category,
    String reason,
    String recordedBy,
    Instant recordedAt) {
  static DeviationView of(ProtocolDeviation d) {
    return new DeviationView(
        d.id,
        d.sessionId,
        d.participantCode,
        d.trialId,
        d.siteCode,
        d.category,
        d.reason,
        d.recordedBy,
        d.recordedAt);
  }
}

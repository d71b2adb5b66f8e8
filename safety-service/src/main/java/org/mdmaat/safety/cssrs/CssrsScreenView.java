package org.mdmaat.safety.cssrs;

import java.time.Instant;
import java.util.UUID;

public record CssrsScreenView(
    UUID id,
    String sessionId,
    String participantCode,
    String trialId,
    String siteCode,
    Instant screenedAt,
    boolean wishToBeDead,
    boolean activeIdeation,
    boolean ideationMethod,
    boolean intent,
    boolean plan,
    boolean behaviour,
    boolean positive,
    UUID alertId,
    String recordedBy,
    Instant recordedAt) {

  static CssrsScreenView of(CssrsScreen s, UUID alertId) {
    return new CssrsScreenView(
        s.id,
        s.sessionId,
        s.participantCode,
        s.trialId,
        s.siteCode,
        s.screenedAt,
        s.wishToBeDead,
        s.activeIdeation,
        s.ideationMethod,
        s.intent,
        s.plan,
        s.behaviour,
        s.positive,
        alertId,
        s.recordedBy,
        s.recordedAt);
  }
}

package org.mdmaat.safety.hold;

import java.time.Instant;
import java.util.UUID;

public record DosingHoldView(
    UUID id,
    String participantCode,
    String trialId,
    String siteCode,
    HoldCause cause,
    String reason,
    String placedBy,
    Instant placedAt,
    boolean active,
    String liftedBy,
    Instant liftedAt,
    String liftReason) {

  static DosingHoldView of(DosingHold hold) {
    return new DosingHoldView(
        hold.id,
        hold.participantCode,
        hold.trialId,
        hold.siteCode,
        hold.cause,
        hold.reason,
        hold.placedBy,
        hold.placedAt,
        hold.active(),
        hold.liftedBy,
        hold.liftedAt,
        hold.liftReason);
  }
}

package org.mdmaat.safety.hold;

import java.time.Instant;
import java.util.UUID;

/** A hold as shown to site staff; a lifted hold carries the lifting investigator's signature. */
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
    String liftReason,
    ElectronicSignature liftSignature) {

  public static DosingHoldView of(DosingHold hold) {
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
        hold.liftReason,
        hold.signedAt == null
            ? null
            : new ElectronicSignature(hold.signatureName, hold.signatureMeaning, hold.signedAt));
  }
}

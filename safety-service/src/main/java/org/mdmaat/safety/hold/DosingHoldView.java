package org.mdmaat.safety.hold;

import java.time.Instant;
import java.util.UUID;
import org.mdmaat.platform.signature.ElectronicSignature;
import org.mdmaat.safety.signing.StoredSignature;

/**
 * A hold as shown to site staff; a lifted hold carries the lifting investigator's signature (lifts
 * signed before the platform's signatures have only the typed name, meaning and time).
 */
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
        StoredSignature.shown(hold.liftSignature, DosingHold.RECORD_TYPE, hold.id.toString()));
  }
}

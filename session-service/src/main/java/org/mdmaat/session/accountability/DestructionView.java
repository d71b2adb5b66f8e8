package org.mdmaat.session.accountability;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A destruction and its signatures, as pharmacists and witnesses see it: kit code and amount, never
 * the kit's content.
 */
public record DestructionView(
    UUID id,
    String siteCode,
    String kitCode,
    BigDecimal mgHcl,
    String method,
    String note,
    DestructionStatus status,
    int witnessesStillNeeded,
    List<SignatureView> signatures,
    String recordedBy,
    String recorderName,
    Instant recordedAt,
    UUID movementId,
    String cancelledBy,
    Instant cancelledAt,
    String cancelReason) {
  /** Distinct witnesses a destruction needs before it counts. */
  static final int WITNESSES = 2;

  static DestructionView of(KitDestruction d, List<DestructionSignature> signatures) {
    return new DestructionView(
        d.id,
        d.siteCode,
        d.kitCode,
        d.mgHcl,
        d.method,
        d.note,
        d.status,
        d.status == DestructionStatus.PENDING_WITNESSES
            ? Math.max(0, WITNESSES - signatures.size())
            : 0,
        signatures.stream().map(SignatureView::of).toList(),
        d.recordedBy,
        d.recorderName,
        d.recordedAt,
        d.movementId,
        d.cancelledBy,
        d.cancelledAt,
        d.cancelReason);
  }
}

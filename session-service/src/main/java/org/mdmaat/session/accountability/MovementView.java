package org.mdmaat.session.accountability;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A ledger line as pharmacists see it (with the arm where it was recorded). */
public record MovementView(
    UUID id,
    String siteCode,
    String kitCode,
    MovementKind kind,
    BigDecimal mgHcl,
    String arm,
    UUID doseId,
    List<String> witnesses,
    String note,
    BigDecimal balanceAfter,
    String recordedBy,
    Instant recordedAt) {
  static MovementView of(KitMovement m) {
    return new MovementView(
        m.id,
        m.siteCode,
        m.kitCode,
        m.kind,
        m.mgHcl,
        m.arm,
        m.doseId,
        m.witnesses == null ? List.of() : List.of(m.witnesses.split(",")),
        m.note,
        m.balanceAfter,
        m.recordedBy,
        m.recordedAt);
  }

  /**
   * For the audit trail, which regulators read while the trial is still blinded: the arm stays in
   * the pharmacy's own ledger.
   */
  MovementView withoutArm() {
    return new MovementView(
        id,
        siteCode,
        kitCode,
        kind,
        mgHcl,
        null,
        doseId,
        witnesses,
        note,
        balanceAfter,
        recordedBy,
        recordedAt);
  }
}

package org.mdmaat.session.accountability;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A ledger line as the audit trail keeps it. Regulators read the audit while the trial is blinded,
 * so it carries neither the kit's content nor any running balance by content (an MDMA balance that
 * moves with a dispense would tell the arm): the kit code, kind and amount only. A receipt adds the
 * commitment to the content ({@link Kit#contentCommitment()}).
 */
record AuditedMovement(
    UUID id,
    String siteCode,
    String kitCode,
    MovementKind kind,
    BigDecimal mgHcl,
    UUID doseId,
    Incident incident,
    UUID destructionId,
    String contentCommitment,
    String note,
    String recordedBy,
    Instant recordedAt) {
  static AuditedMovement of(KitMovement m, UUID destructionId, String contentCommitment) {
    return new AuditedMovement(
        m.id,
        m.siteCode,
        m.kitCode,
        m.kind,
        m.mgHcl,
        m.doseId,
        Incident.of(m),
        destructionId,
        contentCommitment,
        m.note,
        m.recordedBy,
        m.recordedAt);
  }
}

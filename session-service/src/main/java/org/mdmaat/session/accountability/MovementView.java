package org.mdmaat.session.accountability;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A ledger line as pharmacists see it: with the kit's content and the running balance of that
 * content at the site (both disclose the arm: pharmacists only).
 */
public record MovementView(
    long seq,
    UUID id,
    String siteCode,
    String kitCode,
    MovementKind kind,
    BigDecimal mgHcl,
    KitContent content,
    BigDecimal balanceAfter,
    long previousSeq,
    UUID doseId,
    Incident incident,
    UUID destructionId,
    List<SignatureView> witnesses,
    List<String> legacyWitnessNames,
    BigDecimal siteBalanceBeforeV5,
    String note,
    String recordedBy,
    Instant recordedAt) {
  static MovementView of(
      KitMovement m, KitDestruction destruction, List<DestructionSignature> signatures) {
    return new MovementView(
        m.seq,
        m.id,
        m.siteCode,
        m.kitCode,
        m.kind,
        m.mgHcl,
        m.content,
        m.balanceAfter,
        m.previousSeq,
        m.doseId,
        Incident.of(m),
        destruction == null ? null : destruction.id,
        signatures.stream().map(SignatureView::of).toList(),
        m.witnesses == null ? List.of() : List.of(m.witnesses.split(",")),
        m.siteBalanceBeforeV5,
        m.note,
        m.recordedBy,
        m.recordedAt);
  }
}

package org.mdmaat.session.dosing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

public record DoseView(
    UUID id,
    UUID sessionId,
    String participantCode,
    String trialId,
    String siteCode,
    String kitCode,
    boolean supplemental,
    BigDecimal mgHcl,
    BigDecimal mgBase,
    Instant administeredAt,
    String recordedBy,
    Instant recordedAt,
    boolean late,
    String vitalsLevel,
    String vitalsFindings,
    String vitalsConfirmedBy,
    String vitalsConfirmationReason) {
  static DoseView of(Dose d) {
    return new DoseView(
        d.id,
        d.sessionId,
        d.participantCode,
        d.trialId,
        d.siteCode,
        d.kitCode,
        d.supplemental,
        d.mgHcl,
        d.mgBase,
        d.administeredAt,
        d.recordedBy,
        d.recordedAt,
        d.late,
        d.vitalsLevel,
        d.vitalsFindings,
        d.vitalsConfirmedBy,
        d.vitalsConfirmationReason);
  }
}

package org.mdmaat.safety.stopping;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** A stopping rule; {@code firedArm} is shown to the DSMB only (null for everyone else). */
public record StoppingRuleView(
    UUID id,
    String trialId,
    String name,
    int relatedSeriousEvents,
    StoppingRule.CountBy countBy,
    Set<StoppingRule.Suspension> suspends,
    String createdBy,
    Instant createdAt,
    boolean fired,
    Instant firedAt,
    Integer firedCount,
    String firedArm) {

  /** Without the arm: for blinded roles and the audit trail. */
  static StoppingRuleView of(StoppingRule r) {
    return of(r, false);
  }

  static StoppingRuleView of(StoppingRule r, boolean showArm) {
    return new StoppingRuleView(
        r.id,
        r.trialId,
        r.name,
        r.relatedSeriousEvents,
        r.countBy,
        r.suspends(),
        r.createdBy,
        r.createdAt,
        r.firedAt != null,
        r.firedAt,
        r.firedCount,
        showArm ? r.firedArm : null);
  }
}

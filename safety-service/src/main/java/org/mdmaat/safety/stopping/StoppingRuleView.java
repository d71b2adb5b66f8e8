package org.mdmaat.safety.stopping;

import java.time.Instant;
import java.util.UUID;

public record StoppingRuleView(
    UUID id,
    String trialId,
    String name,
    int relatedSeriousEvents,
    String createdBy,
    Instant createdAt,
    boolean fired,
    Instant firedAt) {

  static StoppingRuleView of(StoppingRule r) {
    return new StoppingRuleView(
        r.id,
        r.trialId,
        r.name,
        r.relatedSeriousEvents,
        r.createdBy,
        r.createdAt,
        r.firedAt != null,
        r.firedAt);
  }
}

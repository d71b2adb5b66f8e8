package org.mdmaat.outcomes.statistics;

import java.time.Instant;

/**
 * A trial's response and remission thresholds for one instrument (as the API shows them and the
 * audit trail records them). Never set: revision 0 and every other field null.
 */
public record OutcomeRulesView(
    String trialId,
    String instrument,
    int revision,
    Integer responseMinDrop,
    Integer remissionMaxTotal,
    String reason,
    String setBy,
    Instant setAt) {

  static OutcomeRulesView of(TrialOutcomeRule rule) {
    return new OutcomeRulesView(
        rule.trialId,
        rule.instrument,
        rule.revision,
        rule.responseMinDrop,
        rule.remissionMaxTotal,
        rule.reason,
        rule.setBy,
        rule.setAt);
  }

  static OutcomeRulesView unset(String trialId, String instrument) {
    return new OutcomeRulesView(trialId, instrument, 0, null, null, null, null, null);
  }
}

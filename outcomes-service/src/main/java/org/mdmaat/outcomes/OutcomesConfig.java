package org.mdmaat.outcomes;

import io.smallrye.config.ConfigMapping;
import java.util.Map;
import java.util.Optional;

/** outcomes-service settings. */
@ConfigMapping(prefix = "outcomes")
public interface OutcomesConfig {
  /**
   * Per-trial overrides of the instruments' outcome rules, by trial id, e.g. {@code
   * outcomes.trials."MAPP2".remission-max-total=11}. The remission definition is an assumption
   * (DOMAIN.md), so a sponsor may set its own.
   */
  Map<String, TrialRules> trials();

  /** Outcome rules of one trial; unset keys keep the instrument's own. */
  interface TrialRules {
    /** Smallest drop from baseline that counts as a response. */
    Optional<Integer> responseMinDrop();

    /** Highest total that counts as remission (with loss of diagnosis). */
    Optional<Integer> remissionMaxTotal();
  }
}

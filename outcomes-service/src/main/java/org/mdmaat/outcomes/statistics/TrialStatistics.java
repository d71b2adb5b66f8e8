package org.mdmaat.outcomes.statistics;

import java.util.List;
import java.util.Map;
import org.mdmaat.outcomes.assessment.Timepoint;

/**
 * Statistics of one instrument in a trial, per timepoint.
 *
 * @param byArm whether arm-level results are shown (DSMB, or the trial is unblinded); when false
 *     only the pooled group is present
 * @param filters the subgroup filters applied (dissociative, veteran, sites)
 * @param rules the response and remission thresholds applied (the instrument's, or the trial's own)
 */
public record TrialStatistics(
    String trialId,
    String instrument,
    boolean byArm,
    Map<String, Object> filters,
    Map<String, Integer> rules,
    List<AtTimepoint> timepoints) {

  /**
   * @param groups "POOLED" always; "MDMA" and "PLACEBO" when shown by arm
   * @param scoreEffect Cohen's d of the totals between arms (null when pooled only)
   * @param changeEffect Cohen's d of the change from baseline between arms
   */
  public record AtTimepoint(
      Timepoint timepoint,
      Map<String, GroupStatistics> groups,
      EffectSize scoreEffect,
      EffectSize changeEffect) {}
}

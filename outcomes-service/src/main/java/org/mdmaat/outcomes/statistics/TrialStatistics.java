package org.mdmaat.outcomes.statistics;

import java.util.List;
import java.util.Map;
import org.mdmaat.outcomes.assessment.Timepoint;

/**
 * Statistics of one instrument in a trial, per timepoint.
 *
 * @param byArm whether arm-level results are shown (DSMB, or the trial is unblinded); when false
 *     only the pooled group is present
 * @param filters the subgroup filters applied (dissociative, veteran, combatExposure,
 *     traumaticBrainInjury, sites)
 * @param rules the response and remission thresholds applied: the trial's own settings, with their
 *     revision ({@code rulesRevision}); a threshold not set is absent here and named in {@code
 *     notAvailable}
 * @param notAvailable results that cannot be given, by result (responders, remission), each naming
 *     the missing setting; never filled from a default
 * @param subgroup with {@code subgroups}, the subgroup fact the results are split by; null when not
 *     split
 * @param subgroups per value of {@code subgroup} (true, false, unknown: not announced), the same
 *     per-timepoint results for the participants with that value
 */
public record TrialStatistics(
    String trialId,
    String instrument,
    boolean byArm,
    Map<String, Object> filters,
    Map<String, Integer> rules,
    Map<String, String> notAvailable,
    List<AtTimepoint> timepoints,
    String subgroup,
    List<Subgroup> subgroups) {

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

  /**
   * The participants with one value of the subgroup fact.
   *
   * @param value "true", "false" or "unknown"
   * @param participants how many participants (within the filters) have it
   */
  public record Subgroup(String value, int participants, List<AtTimepoint> timepoints) {}
}

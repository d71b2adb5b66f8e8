package org.mdmaat.outcomes.statistics;

import org.mdmaat.outcomes.assessment.WindowView;

/**
 * One participant's result at a timepoint, with what statistics compare it against.
 *
 * @param baseline the baseline total, or null when no baseline was recorded
 * @param diagnosedAtBaseline the instrument's diagnosis flag at baseline (null: none / no baseline)
 * @param diagnosedNow the diagnosis flag at this timepoint (null: the instrument has none)
 * @param window whether the assessment was within its timepoint's window (null: not judged)
 */
public record ParticipantOutcome(
    int total,
    Integer baseline,
    Boolean diagnosedAtBaseline,
    Boolean diagnosedNow,
    WindowView.Status window) {

  public ParticipantOutcome(
      int total, Integer baseline, Boolean diagnosedAtBaseline, Boolean diagnosedNow) {
    this(total, baseline, diagnosedAtBaseline, diagnosedNow, null);
  }
}

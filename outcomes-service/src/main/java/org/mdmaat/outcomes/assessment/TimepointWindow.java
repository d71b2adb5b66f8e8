package org.mdmaat.outcomes.assessment;

/**
 * A timepoint's target and window as days from its anchor (the protocol's, {@link
 * Timepoint#anchor()}): either the trial's setting in force or the protocol default the {@link
 * Timepoint} enum documents.
 *
 * @param revision the revision of the trial's setting; 0: the protocol default
 * @param targetDays days from the anchor to the target date; null when there is no single target
 *     (BASELINE)
 * @param earliestDays first day of the window; null: open start (BASELINE)
 * @param latestDays last day of the window
 */
public record TimepointWindow(
    Timepoint timepoint, int revision, Integer targetDays, Integer earliestDays, int latestDays) {

  /** The default of a trial that has not set this timepoint's window. */
  public static TimepointWindow protocolDefault(Timepoint timepoint) {
    return new TimepointWindow(
        timepoint, 0, timepoint.targetDays(), timepoint.earliestDays(), timepoint.latestDays());
  }

  public Timepoint.Anchor anchor() {
    return timepoint.anchor();
  }
}

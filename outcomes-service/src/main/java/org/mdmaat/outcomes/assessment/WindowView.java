package org.mdmaat.outcomes.assessment;

import java.time.LocalDate;

/**
 * Whether an assessment was administered within its timepoint's window. Dates are UTC calendar
 * days.
 *
 * @param status IN_WINDOW, OUT_OF_WINDOW (accepted, flagged), or ANCHOR_MISSING: the anchor is not
 *     known here yet, so the window cannot be computed (never taken as in window)
 * @param anchor what the window counts from ({@link Timepoint.Anchor})
 * @param windowRevision the revision of the trial's window setting judged against ({@code GET
 *     /trials/{trialId}/timepoint-windows}); 0: the protocol default
 * @param anchorDate the anchor's day; null when missing
 * @param targetDate the target day; null when the anchor is missing or the timepoint has none
 * @param earliest first day of the window; null when open or the anchor is missing
 * @param latest last day of the window; null when the anchor is missing
 * @param daysFromTarget administered day minus target day; null without a target
 * @param detail for ANCHOR_MISSING, what is missing
 */
public record WindowView(
    Status status,
    Timepoint.Anchor anchor,
    int windowRevision,
    LocalDate anchorDate,
    LocalDate targetDate,
    LocalDate earliest,
    LocalDate latest,
    Integer daysFromTarget,
    String detail) {

  /** The three answers. */
  public enum Status {
    IN_WINDOW,
    OUT_OF_WINDOW,
    ANCHOR_MISSING
  }
}

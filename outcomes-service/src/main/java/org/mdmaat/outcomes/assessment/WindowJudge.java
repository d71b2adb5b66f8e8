package org.mdmaat.outcomes.assessment;

import java.time.Instant;
import java.util.Map;

/**
 * Judges the windows of a trial's assessments: the trial's windows in force and its participants'
 * anchors, both as read now (windows are judged when read).
 *
 * @param anchors by participant code; a participant without any is judged with {@link Anchors#NONE}
 *     (ANCHOR_MISSING, never in window)
 */
public record WindowJudge(TrialWindows windows, Map<String, Anchors> anchors) {

  public WindowJudge {
    anchors = Map.copyOf(anchors);
  }

  /** The window of {@code assessment}, one of this trial's. */
  public WindowView judge(Assessment assessment) {
    return judge(assessment.participantCode, assessment.timepoint, assessment.administeredAt);
  }

  /** The window of the assessment of {@code participantCode} at {@code timepoint}. */
  public WindowView judge(String participantCode, Timepoint timepoint, Instant administeredAt) {
    return anchors
        .getOrDefault(participantCode, Anchors.NONE)
        .judge(windows.window(timepoint), administeredAt);
  }
}

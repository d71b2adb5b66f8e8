package org.mdmaat.outcomes.assessment;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A trial's window for one timepoint in force (as the API shows it and the audit trail records it).
 * The protocol default, never set by the sponsor: {@code default} true, revision 0 and no reason,
 * setBy or setAt.
 */
public record TimepointWindowView(
    String trialId,
    Timepoint timepoint,
    Timepoint.Anchor anchor,
    @JsonProperty("default") boolean protocolDefault,
    int revision,
    Integer targetDays,
    Integer earliestDays,
    int latestDays,
    String reason,
    String setBy,
    Instant setAt) {

  static TimepointWindowView of(TrialTimepointWindow setting) {
    return new TimepointWindowView(
        setting.trialId,
        setting.timepoint,
        setting.timepoint.anchor(),
        false,
        setting.revision,
        setting.targetDays,
        setting.earliestDays,
        setting.latestDays,
        setting.reason,
        setting.setBy,
        setting.setAt);
  }

  static TimepointWindowView protocolDefault(String trialId, Timepoint timepoint) {
    var window = TimepointWindow.protocolDefault(timepoint);
    return new TimepointWindowView(
        trialId,
        timepoint,
        timepoint.anchor(),
        true,
        0,
        window.targetDays(),
        window.earliestDays(),
        window.latestDays(),
        null,
        null,
        null);
  }

  static TimepointWindowView inForce(TrialWindows windows, Timepoint timepoint) {
    return windows
        .setting(timepoint)
        .map(TimepointWindowView::of)
        .orElseGet(() -> protocolDefault(windows.trialId(), timepoint));
  }
}

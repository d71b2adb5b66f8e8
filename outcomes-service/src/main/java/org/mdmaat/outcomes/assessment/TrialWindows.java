package org.mdmaat.outcomes.assessment;

import java.util.Map;
import java.util.Optional;

/**
 * A trial's timepoint windows in force: the sponsor's current setting of each timepoint, and the
 * protocol default ({@link TimepointWindow#protocolDefault}) for a timepoint never set.
 *
 * @param settings the current (highest-revision) setting per timepoint that has one
 */
public record TrialWindows(String trialId, Map<Timepoint, TrialTimepointWindow> settings) {

  public TrialWindows {
    settings = Map.copyOf(settings);
  }

  /** The window in force for {@code timepoint}. */
  public TimepointWindow window(Timepoint timepoint) {
    return setting(timepoint)
        .map(TrialTimepointWindow::window)
        .orElseGet(() -> TimepointWindow.protocolDefault(timepoint));
  }

  /** The sponsor's setting in force, if the timepoint has one. */
  public Optional<TrialTimepointWindow> setting(Timepoint timepoint) {
    return Optional.ofNullable(settings.get(timepoint));
  }
}

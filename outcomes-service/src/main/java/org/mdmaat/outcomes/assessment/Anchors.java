package org.mdmaat.outcomes.assessment;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * What one participant's timepoint windows are counted from.
 *
 * @param baselineAt the earliest BASELINE assessment of any instrument; null when none
 * @param dosingSessions the first (initial) dose of each dosing session, in order; session n is
 *     element n−1
 */
public record Anchors(Instant baselineAt, List<Instant> dosingSessions) {
  public static final Anchors NONE = new Anchors(null, List.of());

  public Anchors {
    dosingSessions = List.copyOf(dosingSessions);
  }

  /**
   * The window of an assessment administered at {@code administeredAt}, against {@code window} (its
   * timepoint's window in force for the trial).
   */
  public WindowView judge(TimepointWindow window, Instant administeredAt) {
    var anchor = window.anchor();
    Instant at;
    String missing;
    if (anchor == Timepoint.Anchor.BASELINE) {
      at = baselineAt;
      missing = "no BASELINE assessment of this participant is recorded";
    } else {
      int session = anchor.session();
      at = dosingSessions.size() >= session ? dosingSessions.get(session - 1) : null;
      missing =
          "no dose of dosing session "
              + session
              + " has been received from session-service (DoseAdministered)";
    }
    if (at == null) {
      return new WindowView(
          WindowView.Status.ANCHOR_MISSING,
          anchor,
          window.revision(),
          null,
          null,
          null,
          null,
          null,
          missing);
    }
    LocalDate anchorDay = day(at);
    LocalDate day = day(administeredAt);
    long days = ChronoUnit.DAYS.between(anchorDay, day);
    Integer earliest = window.earliestDays();
    boolean in = (earliest == null || days >= earliest) && days <= window.latestDays();
    Integer target = window.targetDays();
    LocalDate targetDay = target == null ? null : anchorDay.plusDays(target);
    return new WindowView(
        in ? WindowView.Status.IN_WINDOW : WindowView.Status.OUT_OF_WINDOW,
        anchor,
        window.revision(),
        anchorDay,
        targetDay,
        earliest == null ? null : anchorDay.plusDays(earliest),
        anchorDay.plusDays(window.latestDays()),
        targetDay == null ? null : (int) ChronoUnit.DAYS.between(targetDay, day),
        null);
  }

  private static LocalDate day(Instant at) {
    return at.atZone(ZoneOffset.UTC).toLocalDate();
  }
}

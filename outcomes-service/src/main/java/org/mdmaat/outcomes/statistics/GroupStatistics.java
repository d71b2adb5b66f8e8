package org.mdmaat.outcomes.statistics;

import java.util.List;
import org.mdmaat.outcomes.assessment.WindowView;
import org.mdmaat.outcomes.instrument.BetterWhen;

/**
 * Outcome of one group (pooled or one arm) at one timepoint.
 *
 * @param score the totals at the timepoint
 * @param change total minus baseline, for participants with both
 * @param responders a drop of at least the response threshold (among {@code change.n})
 * @param lossOfDiagnosis diagnosed at baseline, not any more (among {@code diagnosedAtBaseline})
 * @param remission lost the diagnosis and at or below the remission total
 * @param outOfWindow assessments administered outside their timepoint's window (among {@code
 *     score.n}); they are included in the results, and counted here
 * @param windowUnknown assessments whose window cannot be computed (anchor missing): neither in nor
 *     out of window
 */
public record GroupStatistics(
    Summary score,
    Summary change,
    Rate responders,
    Rate lossOfDiagnosis,
    Rate remission,
    Rate outOfWindow,
    int windowUnknown) {

  /** {@code count} of {@code of}; share null when {@code of} is 0. */
  public record Rate(int count, int of, Double share) {
    static Rate of(int count, int of) {
      return new Rate(count, of, of == 0 ? null : (double) count / of);
    }
  }

  /** For an instrument that improves downwards (CAPS-5): a response is a drop. */
  public static GroupStatistics of(
      List<ParticipantOutcome> outcomes, Integer responseMinDrop, Integer remissionMaxTotal) {
    return of(outcomes, responseMinDrop, remissionMaxTotal, BetterWhen.LOWER);
  }

  /**
   * @param responseMinDrop null when the trial has not set it: no response is computed
   * @param remissionMaxTotal null when the trial has not set it: no remission is computed
   * @param betterWhen a response is an improvement of at least {@code responseMinDrop}: a drop for
   *     LOWER, a rise for HIGHER
   */
  public static GroupStatistics of(
      List<ParticipantOutcome> outcomes,
      Integer responseMinDrop,
      Integer remissionMaxTotal,
      BetterWhen betterWhen) {
    double[] totals = outcomes.stream().mapToDouble(ParticipantOutcome::total).toArray();
    double[] changes =
        outcomes.stream()
            .filter(o -> o.baseline() != null)
            .mapToDouble(o -> o.total() - o.baseline())
            .toArray();
    Rate responders = null;
    if (responseMinDrop != null) {
      int count = 0;
      for (double change : changes) {
        double improvement = betterWhen == BetterWhen.HIGHER ? change : -change;
        if (improvement >= responseMinDrop) {
          count++;
        }
      }
      responders = Rate.of(count, changes.length);
    }
    Rate loss = null;
    Rate remission = null;
    var diagnosed =
        outcomes.stream()
            .filter(o -> Boolean.TRUE.equals(o.diagnosedAtBaseline()) && o.diagnosedNow() != null)
            .toList();
    if (outcomes.stream().anyMatch(o -> o.diagnosedNow() != null)) {
      var lost = diagnosed.stream().filter(o -> !o.diagnosedNow()).toList();
      loss = Rate.of(lost.size(), diagnosed.size());
      if (remissionMaxTotal != null) {
        remission =
            Rate.of(
                (int) lost.stream().filter(o -> o.total() <= remissionMaxTotal).count(),
                diagnosed.size());
      }
    }
    int out = 0;
    int unknown = 0;
    for (var o : outcomes) {
      if (o.window() == WindowView.Status.OUT_OF_WINDOW) {
        out++;
      } else if (o.window() == WindowView.Status.ANCHOR_MISSING) {
        unknown++;
      }
    }
    return new GroupStatistics(
        Summary.of(totals),
        Summary.of(changes),
        responders,
        loss,
        remission,
        Rate.of(out, outcomes.size()),
        unknown);
  }
}

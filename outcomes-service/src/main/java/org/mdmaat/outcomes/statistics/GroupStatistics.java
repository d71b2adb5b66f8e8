package org.mdmaat.outcomes.statistics;

import java.util.List;

/**
 * Outcome of one group (pooled or one arm) at one timepoint.
 *
 * @param score the totals at the timepoint
 * @param change total minus baseline, for participants with both
 * @param responders a drop of at least the response threshold (among {@code change.n})
 * @param lossOfDiagnosis diagnosed at baseline, not any more (among {@code diagnosedAtBaseline})
 * @param remission lost the diagnosis and at or below the remission total
 */
public record GroupStatistics(
    Summary score, Summary change, Rate responders, Rate lossOfDiagnosis, Rate remission) {

  /** {@code count} of {@code of}; share null when {@code of} is 0. */
  public record Rate(int count, int of, Double share) {
    static Rate of(int count, int of) {
      return new Rate(count, of, of == 0 ? null : (double) count / of);
    }
  }

  /**
   * @param responseMinDrop null when the instrument defines no response
   * @param remissionMaxTotal null when the instrument defines no remission
   */
  public static GroupStatistics of(
      List<ParticipantOutcome> outcomes, Integer responseMinDrop, Integer remissionMaxTotal) {
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
        if (-change >= responseMinDrop) {
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
    return new GroupStatistics(
        Summary.of(totals), Summary.of(changes), responders, loss, remission);
  }
}

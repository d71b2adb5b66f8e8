package org.mdmaat.safety.summary;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Aggregated safety data of a trial. {@code grouping} is ARM for the DSMB (groups MDMA, PLACEBO,
 * and UNALLOCATED for participants recruitment-service has no arm for) and POOLED for sponsors.
 */
public record SafetySummary(
    String trialId, String grouping, Instant generatedAt, List<Group> groups) {

  /**
   * One group's figures, with their denominators.
   *
   * @param randomized participants randomized to the arm; null in the pooled summary (its readers
   *     are not told the allocations)
   * @param dosed participants of the group who received a dose (a dosing session safety-service was
   *     told of), the denominator of the shares below
   */
  public record Group(
      String group,
      Integer randomized,
      int dosed,
      int participantsWithAdverseEvents,
      int adverseEvents,
      Map<Integer, Integer> byGrade,
      int serious,
      Map<String, Integer> bySeriousness,
      Map<String, Integer> byCategory,
      PositiveEffects positiveAbuseRelated,
      VitalMaxima vitals,
      List<VitalShare> overThresholds) {}

  /** Highest values reached (lowest for SpO2); null when nothing was measured. */
  public record VitalMaxima(
      int participantsMeasured,
      Integer maxSystolic,
      Integer maxDiastolic,
      Integer maxHeartRate,
      Double maxTemperatureC,
      Integer minSpo2) {}

  /**
   * Dosed participants with at least one reading above {@code above}, and their share of the dosed
   * participants (null when nobody was dosed), comparable to the published pooled figures.
   */
  public record VitalShare(String vital, double above, int participants, Double share) {}

  /**
   * Adverse events carrying the positive/abuse-related category: how many, in how many
   * participants, and per dosed participant (null when nobody was dosed).
   */
  public record PositiveEffects(int events, int participants, Double eventsPerDosedParticipant) {}
}

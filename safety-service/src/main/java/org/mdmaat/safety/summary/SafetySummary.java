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

  public record Group(
      String group,
      int participantsWithAdverseEvents,
      int adverseEvents,
      Map<Integer, Integer> byGrade,
      int serious,
      Map<String, Integer> bySeriousness,
      Map<String, Integer> byCategory,
      VitalMaxima vitals) {}

  /** Highest values reached (lowest for SpO2); null when nothing was measured. */
  public record VitalMaxima(
      int participantsMeasured,
      Integer maxSystolic,
      Integer maxDiastolic,
      Integer maxHeartRate,
      Double maxTemperatureC,
      Integer minSpo2) {}
}

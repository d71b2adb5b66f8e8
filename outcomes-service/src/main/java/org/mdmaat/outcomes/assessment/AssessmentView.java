package org.mdmaat.outcomes.assessment;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An assessment as the API shows it (and as the audit trail records it), with whether it was
 * administered within its timepoint's window ({@code window}, judged when shown).
 */
public record AssessmentView(
    UUID id,
    String participantCode,
    String trialId,
    String siteCode,
    String instrument,
    Timepoint timepoint,
    int revision,
    Map<String, Integer> responses,
    int total,
    Map<String, Integer> subscales,
    String band,
    Map<String, Boolean> flags,
    Instant administeredAt,
    String recordedBy,
    Instant recordedAt,
    String reason,
    WindowView window) {

  /** One revision in an assessment's history. */
  public record Revision(
      int revision,
      Map<String, Integer> responses,
      int total,
      Map<String, Integer> subscales,
      String band,
      Map<String, Boolean> flags,
      Instant administeredAt,
      String recordedBy,
      Instant recordedAt,
      String reason) {}
}

package org.mdmaat.outcomes.blinding;

import java.time.Instant;
import java.util.UUID;
import org.mdmaat.outcomes.assessment.Timepoint;

public record GuessView(
    UUID id,
    String participantCode,
    String trialId,
    String siteCode,
    Guesser guesser,
    Timepoint timepoint,
    Guess guess,
    String recordedBy,
    Instant recordedAt,
    boolean afterEmergencyUnblinding) {
  /** {@code unblindedAt}: when the participant's blind was broken, null if it was not. */
  static GuessView of(AllocationGuess g, Instant unblindedAt) {
    return new GuessView(
        g.id,
        g.participantCode,
        g.trialId,
        g.siteCode,
        g.guesser,
        g.timepoint,
        g.guess,
        g.recordedBy,
        g.recordedAt,
        g.afterEmergencyUnblinding(unblindedAt));
  }
}

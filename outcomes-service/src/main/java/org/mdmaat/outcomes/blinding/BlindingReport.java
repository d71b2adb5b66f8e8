package org.mdmaat.outcomes.blinding;

import java.util.Map;
import org.mdmaat.outcomes.assessment.Timepoint;

/**
 * Blinding of one group of guessers at one timepoint.
 *
 * @param guesses the table: per arm, how many guessed MDMA, placebo or did not know
 * @param bang Bang's index per arm
 * @param james James' index over the whole table
 * @param withoutAllocation guesses about participants ParticipantDirectory gave no arm for (left
 *     out)
 * @param excludedAfterEmergencyUnblinding guesses made after the participant's emergency unblinding
 *     (left out: they are not blind)
 */
public record BlindingReport(
    String trialId,
    Guesser guesser,
    Timepoint timepoint,
    Map<String, Column> guesses,
    Map<String, BlindingIndex.Bang> bang,
    BlindingIndex.James james,
    long withoutAllocation,
    long excludedAfterEmergencyUnblinding) {

  /** The guesses of the participants in one arm. */
  public record Column(long mdma, long placebo, long dontKnow) {}
}

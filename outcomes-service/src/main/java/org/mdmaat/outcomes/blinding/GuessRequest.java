package org.mdmaat.outcomes.blinding;

import jakarta.validation.constraints.NotNull;
import org.mdmaat.outcomes.assessment.Timepoint;

/** A guess, collected after each experimental session and at the primary endpoint. */
public record GuessRequest(
    @NotNull Guesser guesser, @NotNull Timepoint timepoint, @NotNull Guess guess) {}

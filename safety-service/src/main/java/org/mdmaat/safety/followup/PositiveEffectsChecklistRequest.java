package org.mdmaat.safety.followup;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import org.mdmaat.safety.adverse.AdverseEventOutcome;
import org.mdmaat.safety.adverse.Relatedness;

/**
 * The solicited positive-effects checklist of a dosing session: every {@link
 * SolicitedPositiveEffect} answered once, {@code askedAt} when the participant was asked (the
 * awareness date of the adverse events the positive answers become).
 */
public record PositiveEffectsChecklistRequest(
    @NotBlank @Size(max = 64) String sessionId,
    @NotNull OffsetDateTime askedAt,
    @NotNull @Size(max = 20) List<@NotNull @Valid Answer> answers) {

  /**
   * One effect: {@code present} false, or true with the facts of the adverse event it becomes
   * (grade 1 to 3: anything worse is reported as an adverse event of its own).
   */
  public record Answer(
      @NotNull SolicitedPositiveEffect effect,
      @NotNull Boolean present,
      @Min(1) @Max(3) Integer grade,
      OffsetDateTime onset,
      Relatedness relatedness,
      Boolean expected,
      AdverseEventOutcome outcome,
      @Size(max = 4000) String description) {}
}

package org.mdmaat.session.dosing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * An investigator's signed protocol deviation that lets this session's dose go ahead although it
 * breaks the sequence or the spacing of experimental sessions. Recorded before the dose.
 */
public record DoseDeviationRequest(
    @NotNull Category category,
    @NotBlank @Size(max = 2000) String reason,
    @Valid @NotNull Signature signature) {

  public enum Category {
    /** Dosed although the experimental session before it was not completed. */
    DOSE_OUT_OF_SEQUENCE,
    /** Dosed outside the protocol's spacing from the experimental session before it. */
    DOSE_OUTSIDE_SPACING
  }

  /** The signer's printed name and what the signature means (21 CFR 11.50); the time is now. */
  public record Signature(
      @NotBlank @Size(max = 200) String printedName, @NotNull Meaning meaning) {}

  public enum Meaning {
    REVIEW,
    APPROVAL,
    RESPONSIBILITY,
    AUTHORSHIP
  }
}

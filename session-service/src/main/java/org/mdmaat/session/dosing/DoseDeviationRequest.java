package org.mdmaat.session.dosing;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.mdmaat.platform.signature.SignatureRequest;

/**
 * An investigator's signed protocol deviation that lets this session's dose go ahead although it
 * breaks the sequence or the spacing of experimental sessions. Recorded before the dose. The
 * signature is only its meaning: signer, name and time come from the token and the server.
 */
public record DoseDeviationRequest(
    @NotNull Category category,
    @NotBlank @Size(max = 2000) String reason,
    @Valid @NotNull SignatureRequest signature) {

  public enum Category {
    /** Dosed although the experimental session before it was not completed. */
    DOSE_OUT_OF_SEQUENCE,
    /** Dosed outside the protocol's spacing from the experimental session before it. */
    DOSE_OUTSIDE_SPACING
  }
}

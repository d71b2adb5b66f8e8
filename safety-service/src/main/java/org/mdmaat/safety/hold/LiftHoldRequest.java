package org.mdmaat.safety.hold;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * An investigator lifts a hold. The signing time is the server's, never the client's; the signer is
 * the token's subject.
 */
public record LiftHoldRequest(
    @NotBlank @Size(max = 2000) String reason, @NotNull @Valid Signature signature) {

  public record Signature(
      @NotBlank @Size(max = 200) String printedName, @NotNull SignatureMeaning meaning) {}
}

package org.mdmaat.safety.hold;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.mdmaat.platform.signature.SignatureRequest;

/**
 * An investigator lifts a hold. The signature names only its meaning: the signer, their name and
 * the time come from the verified token and the server (21 CFR 11.50, 11.200).
 */
public record LiftHoldRequest(
    @NotBlank @Size(max = 2000) String reason, @NotNull @Valid SignatureRequest signature) {}

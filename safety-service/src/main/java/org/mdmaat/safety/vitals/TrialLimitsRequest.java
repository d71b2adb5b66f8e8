package org.mdmaat.safety.vitals;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.mdmaat.platform.signature.SignatureRequest;

/**
 * The sponsor's limits for its whole trial: every limit (checked by the service, which names each
 * missing one), why, and the electronic signature's meaning.
 */
public record TrialLimitsRequest(
    @NotNull VitalLimits limits,
    @NotBlank @Size(max = 2000) String reason,
    @NotNull @Valid SignatureRequest signature) {}

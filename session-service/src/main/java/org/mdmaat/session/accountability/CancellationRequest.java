package org.mdmaat.session.accountability;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why a destruction not yet witnessed is withdrawn. */
public record CancellationRequest(@NotBlank @Size(max = 2000) String reason) {}

package org.mdmaat.safety.vitals;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A site's stricter limits: only those it sets (none: the trial's apply), and why. */
public record SiteLimitsRequest(
    @NotNull VitalLimits limits, @NotBlank @Size(max = 2000) String reason) {}

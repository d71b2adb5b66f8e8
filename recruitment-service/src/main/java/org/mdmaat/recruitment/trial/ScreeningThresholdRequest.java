package org.mdmaat.recruitment.trial;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The least screening CAPS-5 total (0 to 80) an investigator's eligibility signature accepts, e.g.
 * 35 for MAPP1 or 28 for MAPP2; a protocol setting, so changed with a reason.
 */
public record ScreeningThresholdRequest(
    @NotNull @Min(0) @Max(80) Integer minTotal, @NotBlank @Size(max = 2000) String reason) {}

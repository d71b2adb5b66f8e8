package org.mdmaat.recruitment.trial;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A sponsor's new trial; settings left out take MAPP defaults. */
public record CreateTrialRequest(
    @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+") String protocolCode,
    @NotBlank @Size(max = 500) String title,
    @NotNull TrialPhase phase,
    @NotBlank @Size(max = 200) String condition,
    @NotNull @Min(2) @Max(100000) Integer targetEnrollment,
    @NotEmpty @Size(max = 100) List<@Valid @NotNull SiteRequest> sites,
    @Valid EligibilitySettings eligibility,
    @Valid RandomizationSettings randomization,
    @Valid RegimenSettings regimen,
    @Valid VisitTemplateSettings visitTemplate) {}

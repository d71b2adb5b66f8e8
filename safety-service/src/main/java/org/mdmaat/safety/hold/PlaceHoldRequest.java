package org.mdmaat.safety.hold;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** An investigator's request to stop dosing a participant. */
public record PlaceHoldRequest(
    @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9-]+") String participantCode,
    @NotBlank @Size(max = 64) String trialId,
    @NotBlank @Size(max = 32) String siteCode,
    @NotBlank @Size(max = 2000) String reason) {}

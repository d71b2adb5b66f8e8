package org.mdmaat.recruitment.call;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A call for one of the sponsor's trials, with a plain-language summary of the study. */
public record PostCallRequest(
    @NotBlank @Size(max = 64) String trialId, @NotBlank @Size(max = 4000) String summary) {}

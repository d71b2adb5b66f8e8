package org.mdmaat.recruitment.trial;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The sponsor unblinds the whole trial; the reason is documented (ICH E6). */
public record UnblindingRequest(@NotBlank @Size(max = 2000) String reason) {}

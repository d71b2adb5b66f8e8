package org.mdmaat.recruitment.trial;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Moves a trial to another recruitment status, saying why. */
public record StatusChangeRequest(
    @NotNull TrialStatus status, @NotBlank @Size(max = 2000) String reason) {}

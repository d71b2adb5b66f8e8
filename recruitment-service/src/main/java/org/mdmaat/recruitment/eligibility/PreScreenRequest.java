package org.mdmaat.recruitment.eligibility;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/**
 * An anonymous pre-screen for a recruitment call (or a trial with an open call): the answers, and
 * contact details only together with {@code consentToContact}.
 */
public record PreScreenRequest(
    UUID recruitmentCallId,
    @Size(max = 64) String trialId,
    @Valid @NotNull PreScreenAnswers answers,
    boolean consentToContact,
    @Valid ContactDetails contact) {}

package org.mdmaat.safety.adverse;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.mdmaat.platform.signature.SignatureRequest;

/**
 * A new version of the event's facts (the investigator's causality and expectedness among them) and
 * why they changed, signed by the investigator; the earlier version stays.
 */
public record FollowUpRequest(
    @NotNull @Valid AdverseEventDetails event,
    @NotBlank @Size(max = 2000) String reason,
    @NotNull @Valid SignatureRequest signature) {}

package org.mdmaat.safety.adverse;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A new version of the event's facts and why they changed; the earlier version stays. */
public record FollowUpRequest(
    @NotNull @Valid AdverseEventDetails event, @NotBlank @Size(max = 2000) String reason) {}

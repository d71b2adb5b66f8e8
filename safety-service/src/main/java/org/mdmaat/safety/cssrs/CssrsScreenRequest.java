package org.mdmaat.safety.cssrs;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;

/** Every item is required: an unanswered item must not read as "no". */
public record CssrsScreenRequest(
    @NotBlank @Size(max = 64) String sessionId,
    @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9-]+") String participantCode,
    @NotNull OffsetDateTime screenedAt,
    @NotNull Boolean wishToBeDead,
    @NotNull Boolean activeIdeation,
    @NotNull Boolean ideationMethod,
    @NotNull Boolean intent,
    @NotNull Boolean plan,
    @NotNull Boolean behaviour) {}

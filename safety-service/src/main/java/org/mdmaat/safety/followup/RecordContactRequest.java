package org.mdmaat.safety.followup;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;

/** The call took place: when, and what came of it. */
public record RecordContactRequest(
    @NotNull OffsetDateTime contactedAt, @NotBlank @Size(max = 4000) String note) {}

package org.mdmaat.safety.adverse;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

public record ReportAdverseEventRequest(
    @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9-]+") String participantCode,
    @Size(max = 64) String sessionId,
    @NotNull @Valid AdverseEventDetails event) {}

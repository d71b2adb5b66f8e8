package org.mdmaat.safety.vitals;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Readings of one participant in one dosing session, e.g. a monitor's upload. */
public record VitalsBatchRequest(
    @NotBlank @Size(max = 64) String sessionId,
    @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9-]+") String participantCode,
    @NotNull @Size(min = 1, max = 2000) List<@Valid @NotNull VitalReading> readings) {}

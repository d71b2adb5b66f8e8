package org.mdmaat.safety.vitals;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** A single reading of one participant in one dosing session. */
public record VitalsRequest(
    @NotBlank @Size(max = 64) String sessionId,
    @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9-]+") String participantCode,
    @NotNull @Valid VitalReading reading) {}

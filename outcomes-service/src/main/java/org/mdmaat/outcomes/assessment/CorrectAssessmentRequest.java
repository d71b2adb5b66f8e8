package org.mdmaat.outcomes.assessment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * A correction: the full set of responses again, and why. The earlier values stay in the history.
 *
 * @param administeredAt null keeps the recorded time
 */
public record CorrectAssessmentRequest(
    @NotNull @Size(max = 200) Map<String, Integer> responses,
    OffsetDateTime administeredAt,
    @NotBlank @Size(max = 2000) String reason) {}

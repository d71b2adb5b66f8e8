package org.mdmaat.outcomes.assessment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * An instrument administered at a timepoint, with every item's response.
 *
 * @param administeredAt when it was administered; any offset, stored in UTC
 */
public record RecordAssessmentRequest(
    @NotBlank @Size(max = 32) String instrument,
    @NotNull Timepoint timepoint,
    @NotNull OffsetDateTime administeredAt,
    @NotNull @Size(max = 200) Map<String, Integer> responses) {}

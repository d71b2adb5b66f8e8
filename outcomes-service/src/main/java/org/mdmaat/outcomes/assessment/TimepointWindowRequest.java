package org.mdmaat.outcomes.assessment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A trial's window for one timepoint, in days from the timepoint's anchor (the protocol's, not part
 * of the request). BASELINE gives {@code latestDays} only (no target, open start); every other
 * timepoint all three. 0 is a value. Range and order checks are the service's (422 naming the
 * field).
 */
public record TimepointWindowRequest(
    Integer targetDays,
    Integer earliestDays,
    Integer latestDays,
    @NotBlank @Size(max = 2000) String reason) {}

package org.mdmaat.outcomes.statistics;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A trial's thresholds for one instrument. An omitted threshold is not set (statistics then say it
 * is not available); 0 is a value. Range checks are the service's (422 naming the field).
 */
public record OutcomeRulesRequest(
    Integer responseMinDrop,
    Integer remissionMaxTotal,
    @NotBlank @Size(max = 2000) String reason) {}

package org.mdmaat.safety.stopping;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Set;

/**
 * A stopping rule: {@code countBy} ARM is the DSMB's to define (it needs the arms); {@code
 * suspends} names what a fired rule stops, ENROLLMENT, DOSING or both.
 */
public record StoppingRuleRequest(
    @NotBlank @Size(max = 100) String name,
    @NotNull @Min(1) @Max(1000) Integer relatedSeriousEvents,
    @NotNull StoppingRule.CountBy countBy,
    @NotEmpty Set<StoppingRule.@NotNull Suspension> suspends,
    @NotBlank @Size(max = 2000) String reason) {}

package org.mdmaat.safety.stopping;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

public record StoppingRuleRequest(
    @NotBlank @Size(max = 100) String name,
    @NotNull @Min(1) @Max(1000) Integer relatedSeriousEvents,
    @NotBlank @Size(max = 2000) String reason) {}

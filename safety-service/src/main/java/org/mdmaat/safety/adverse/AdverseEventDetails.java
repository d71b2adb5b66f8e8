package org.mdmaat.safety.adverse;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.Set;

/** The clinical facts of an adverse event, as first reported or as a follow-up restates them. */
public record AdverseEventDetails(
    @NotBlank @Size(max = 200) String term,
    @NotNull AdverseEventCategory category,
    @NotNull OffsetDateTime onset,
    @NotNull @Min(1) @Max(5) Integer grade,
    @NotNull Set<@NotNull SeriousnessCriterion> seriousness,
    @NotNull Relatedness relatedness,
    @NotNull Boolean expected,
    @NotNull AdverseEventOutcome outcome,
    @Size(max = 4000) String description) {}

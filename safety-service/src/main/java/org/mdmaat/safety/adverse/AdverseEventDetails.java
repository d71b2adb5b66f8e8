package org.mdmaat.safety.adverse;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * The clinical facts of an adverse event, as first reported or as a follow-up restates them.
 *
 * @param categories every category the event belongs to (psychiatric and positive/abuse-related,
 *     say); {@code category} is the single category earlier clients send, added to them
 * @param awareness when the reporter became aware of these facts: the expedited-report clock counts
 *     from it (not in the future, not before onset)
 * @param nonSeriousGradeConfirmed an investigator's explicit confirmation that a CTCAE grade 4
 *     event meets no seriousness criterion
 */
public record AdverseEventDetails(
    @NotBlank @Size(max = 200) String term,
    AdverseEventCategory category,
    @Size(max = 9) Set<@NotNull AdverseEventCategory> categories,
    @NotNull OffsetDateTime onset,
    @NotNull OffsetDateTime awareness,
    @NotNull @Min(1) @Max(5) Integer grade,
    @NotNull Set<@NotNull SeriousnessCriterion> seriousness,
    @NotNull Relatedness relatedness,
    @NotNull Boolean expected,
    @NotNull AdverseEventOutcome outcome,
    @Size(max = 4000) String description,
    Boolean nonSeriousGradeConfirmed) {

  /** Every category named, in declared order; empty when none was. */
  public Set<AdverseEventCategory> allCategories() {
    var all = EnumSet.noneOf(AdverseEventCategory.class);
    if (categories != null) {
      all.addAll(categories);
    }
    if (category != null) {
      all.add(category);
    }
    return all;
  }

  public boolean gradeConfirmed() {
    return Boolean.TRUE.equals(nonSeriousGradeConfirmed);
  }
}

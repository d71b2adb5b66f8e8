package org.mdmaat.recruitment.eligibility;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * One eligibility criterion as data: {@code field operator value}. An inclusion criterion is not
 * met when the comparison is false; an exclusion criterion is hit when it is true. Either way the
 * candidate is {@code outcome} (NOT_ELIGIBLE unless the rule says a clinician has to review).
 *
 * @param message the criterion in plain language, shown in public summaries and in results
 */
public record EligibilityRule(
    @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9._-]+") String id,
    @NotNull CriterionKind kind,
    @NotBlank @Size(max = 64) String field,
    @NotNull Operator operator,
    JsonNode value,
    Result outcome,
    WhenMissing whenMissing,
    @NotBlank @Size(max = 500) String message) {

  public Result outcomeOrDefault() {
    return outcome == null ? Result.NOT_ELIGIBLE : outcome;
  }

  public WhenMissing whenMissingOrDefault() {
    return whenMissing == null ? WhenMissing.REVIEW : whenMissing;
  }
}

package org.mdmaat.recruitment.trial;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.mdmaat.recruitment.eligibility.EligibilityRule;

/**
 * The trial's eligibility criteria: a shipped rule set by name ({@code MAPP1}, {@code MAPP2}) or
 * the trial's own rules, exactly one of the two. Omitted: MAPP2.
 */
public record EligibilitySettings(
    @Size(max = 32) String ruleSet,
    @Size(min = 1, max = 200) List<@Valid @NotNull EligibilityRule> rules) {}

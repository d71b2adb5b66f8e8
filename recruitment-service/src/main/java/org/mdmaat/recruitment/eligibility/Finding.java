package org.mdmaat.recruitment.eligibility;

/** A criterion that was not met or needs a clinician, as the candidate is told. */
public record Finding(String criterion, CriterionKind kind, Result outcome, String message) {}

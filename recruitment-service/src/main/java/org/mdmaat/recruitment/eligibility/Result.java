package org.mdmaat.recruitment.eligibility;

/** The outcome of a pre-screen, and what a criterion leads to when it is not met. */
public enum Result {
  ELIGIBLE,
  NOT_ELIGIBLE,
  NEEDS_CLINICIAN_REVIEW
}

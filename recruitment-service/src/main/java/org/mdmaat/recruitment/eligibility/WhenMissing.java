package org.mdmaat.recruitment.eligibility;

/** What an unanswered question means for a criterion. */
public enum WhenMissing {
  /** A clinician has to ask: the default, so a silent answer never passes a criterion. */
  REVIEW,
  /** The answer is optional (e.g. a clinician-administered CAPS-5 total the candidate may know). */
  IGNORE
}

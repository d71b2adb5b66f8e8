package org.mdmaat.recruitment.eligibility;

/** Whether a criterion must hold (inclusion) or must not (exclusion). */
public enum CriterionKind {
  INCLUSION,
  EXCLUSION
}

package org.mdmaat.safety.adverse;

/** 21 CFR 312.32(a): an adverse event is serious when it meets any of these. */
public enum SeriousnessCriterion {
  DEATH,
  LIFE_THREATENING,
  HOSPITALIZATION,
  DISABILITY,
  CONGENITAL_ANOMALY,
  IMPORTANT_MEDICAL_EVENT;

  /** Fatal or life-threatening: the 7-day expedited clock applies. */
  public boolean shortensReportClock() {
    return this == DEATH || this == LIFE_THREATENING;
  }
}

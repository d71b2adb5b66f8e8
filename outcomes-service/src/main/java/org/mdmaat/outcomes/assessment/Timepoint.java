package org.mdmaat.outcomes.assessment;

/** The protocol timepoints at which instruments are administered (MAPP schedule). */
public enum Timepoint {
  BASELINE,
  AFTER_SESSION_1,
  AFTER_SESSION_2,
  AFTER_SESSION_3,
  /** 18 weeks after baseline: the primary endpoint. */
  PRIMARY_ENDPOINT,
  FOLLOW_UP_6_MONTHS,
  FOLLOW_UP_12_MONTHS
}

package org.mdmaat.recruitment.eligibility;

/** Cardiovascular history a candidate can report. */
public enum CardiovascularCondition {
  UNCONTROLLED_HYPERTENSION,
  CONTROLLED_HYPERTENSION,
  ARRHYTHMIA,
  QTC_PROLONGATION,
  HEART_ATTACK,
  STROKE,
  OTHER
}

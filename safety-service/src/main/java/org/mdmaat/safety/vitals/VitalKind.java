package org.mdmaat.safety.vitals;

/** The vital signs watched during a dosing session. */
public enum VitalKind {
  SYSTOLIC,
  DIASTOLIC,
  HEART_RATE,
  TEMPERATURE,
  SPO2
}

package org.mdmaat.safety.hold;

/** What put a participant's dosing on hold. */
public enum HoldCause {
  INVESTIGATOR,
  CRITICAL_VITALS,
  SERIOUS_ADVERSE_EVENT,
  STOPPING_RULE,
  CSSRS_POSITIVE
}

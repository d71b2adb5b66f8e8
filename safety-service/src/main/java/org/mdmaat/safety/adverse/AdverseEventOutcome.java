package org.mdmaat.safety.adverse;

/** Outcome, following FHIR AdverseEvent.outcome. */
public enum AdverseEventOutcome {
  RECOVERED,
  RECOVERING,
  NOT_RECOVERED,
  RECOVERED_WITH_SEQUELAE,
  FATAL,
  UNKNOWN
}

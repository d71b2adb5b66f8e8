package org.mdmaat.safety.alert;

/** What raised an alert. */
public enum AlertKind {
  VITALS,
  CSSRS
}

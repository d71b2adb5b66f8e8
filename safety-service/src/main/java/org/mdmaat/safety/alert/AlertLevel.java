package org.mdmaat.safety.alert;

/** How bad: WARN and CRITICAL for vitals, URGENT for a positive C-SSRS screen. */
public enum AlertLevel {
  WARN,
  CRITICAL,
  URGENT
}

package org.mdmaat.safety.followup;

/** RECORDED; PENDING (due today or later); MISSED (past its due date, not recorded). */
public enum ContactStatus {
  RECORDED,
  PENDING,
  MISSED
}

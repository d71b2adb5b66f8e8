package org.mdmaat.safety.followup;

/**
 * RECORDED; PENDING (its due date, a calendar day at the site, has not ended there); MISSED (the
 * site's due date is over and the contact is not recorded).
 */
public enum ContactStatus {
  RECORDED,
  PENDING,
  MISSED
}

package org.mdmaat.session.accountability;

/** Where a recorded destruction stands. Only a COMPLETED one is a DESTROYED ledger line. */
public enum DestructionStatus {
  /** Recorded by a pharmacist; its amount is set aside (not dispensable) until two have signed. */
  PENDING_WITNESSES,
  /** Signed by two witnesses: the DESTROYED line is written. */
  COMPLETED,
  /** Withdrawn by a pharmacist before it was completed, with a reason. */
  CANCELLED
}

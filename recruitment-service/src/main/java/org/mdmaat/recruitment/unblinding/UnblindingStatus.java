package org.mdmaat.recruitment.unblinding;

/** An unblinding request waits for a second person, who approves or rejects it. */
public enum UnblindingStatus {
  REQUESTED,
  APPROVED,
  REJECTED
}

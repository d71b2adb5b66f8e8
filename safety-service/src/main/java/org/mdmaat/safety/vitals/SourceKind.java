package org.mdmaat.safety.vitals;

/** Where a reading came from: a monitoring device or a staff member's measurement. */
public enum SourceKind {
  DEVICE,
  STAFF
}

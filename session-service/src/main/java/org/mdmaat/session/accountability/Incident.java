package org.mdmaat.session.accountability;

import java.time.Instant;

/** The report of a loss or theft: DEA Form 106 (or notice) reference, discovery, what happened. */
public record Incident(String reportReference, Instant discoveredAt, String description) {
  static Incident of(KitMovement m) {
    return m.kind.incident()
        ? new Incident(m.reportReference, m.discoveredAt, m.description)
        : null;
  }
}

package org.mdmaat.platform.audit;

import java.time.Instant;

/**
 * Which audit entries to list; every part is optional (null matches everything).
 *
 * @param from entries that occurred at or after this time
 * @param to entries that occurred before this time
 */
public record AuditFilter(
    String entityType,
    String entityId,
    String actor,
    String trialId,
    String participantCode,
    Instant from,
    Instant to) {

  public static AuditFilter none() {
    return new AuditFilter(null, null, null, null, null, null, null);
  }
}

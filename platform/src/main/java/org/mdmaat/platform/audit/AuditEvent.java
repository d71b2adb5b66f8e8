package org.mdmaat.platform.audit;

import java.util.Objects;

/**
 * One state change to record.
 *
 * @param actor who made the change
 * @param entityType kind of record, e.g. {@code DosingHold}
 * @param entityId the record's id
 * @param action e.g. {@code CREATE}, {@code UPDATE}, {@code TRANSITION}, {@code DELETE}, {@code
 *     UNBLIND}
 * @param before the state before the change (null for a creation); stored as JSON with sorted keys
 * @param after the state after the change (null for a deletion); stored as JSON with sorted keys
 * @param reason why, when the user gave a reason or the rule requires one; may be null
 * @param trialId the trial the record belongs to; may be null
 * @param participantCode the pseudonymous participant code the record concerns; may be null
 */
public record AuditEvent(
    Actor actor,
    String entityType,
    String entityId,
    String action,
    Object before,
    Object after,
    String reason,
    String trialId,
    String participantCode) {

  public AuditEvent {
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(entityType, "entityType");
    Objects.requireNonNull(entityId, "entityId");
    Objects.requireNonNull(action, "action");
  }
}

package org.mdmaat.safety.followup;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A follow-up contact and where it stands.
 *
 * @param dueDate a calendar day at the site
 * @param dueUntil when that day ends at the site: unrecorded by then, the contact is MISSED
 */
public record FollowUpContactView(
    String id,
    String sessionId,
    String participantCode,
    String trialId,
    String siteCode,
    int day,
    LocalDate dueDate,
    Instant dueUntil,
    ContactStatus status,
    Instant contactedAt,
    String note,
    String recordedBy,
    Instant recordedAt) {

  /** The contact as it stands at {@code now}. */
  static FollowUpContactView of(FollowUpContact c, Instant now) {
    var status = c.status(now);
    return new FollowUpContactView(
        c.id,
        c.sessionId,
        c.participantCode,
        c.trialId,
        c.siteCode,
        c.day,
        c.dueDate,
        c.dueUntil,
        status,
        c.contactedAt,
        c.note,
        c.recordedBy,
        c.recordedAt);
  }
}

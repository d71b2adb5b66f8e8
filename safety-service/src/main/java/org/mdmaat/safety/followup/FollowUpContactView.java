package org.mdmaat.safety.followup;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

public record FollowUpContactView(
    UUID id,
    String sessionId,
    String participantCode,
    String trialId,
    String siteCode,
    int day,
    LocalDate dueDate,
    ContactStatus status,
    Instant contactedAt,
    String note,
    String recordedBy,
    Instant recordedAt) {

  static FollowUpContactView of(FollowUpContact c, LocalDate today) {
    var status =
        c.recordedAt != null
            ? ContactStatus.RECORDED
            : c.dueDate.isBefore(today) ? ContactStatus.MISSED : ContactStatus.PENDING;
    return new FollowUpContactView(
        c.id,
        c.sessionId,
        c.participantCode,
        c.trialId,
        c.siteCode,
        c.day,
        c.dueDate,
        status,
        c.contactedAt,
        c.note,
        c.recordedBy,
        c.recordedAt);
  }
}

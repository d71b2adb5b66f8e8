package org.mdmaat.session.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A session as the API shows it (and as its audit entries record it). */
public record SessionView(
    UUID id,
    String participantCode,
    String trialId,
    String siteCode,
    SessionKind kind,
    int number,
    Integer experimentalNumber,
    LocalDate targetDate,
    LocalDate windowStart,
    LocalDate windowEnd,
    SessionStatus status,
    String statusReason,
    String room,
    Instant startsAt,
    Instant endsAt,
    List<String> therapists) {

  public static SessionView of(ProtocolSession s) {
    return new SessionView(
        s.id,
        s.participantCode,
        s.trialId,
        s.siteCode,
        s.kind,
        s.number,
        s.experimentalNumber,
        s.targetDate,
        s.windowStart,
        s.windowEnd,
        s.status,
        s.statusReason,
        s.room,
        s.startsAt,
        s.endsAt,
        s.therapistList());
  }
}

package org.mdmaat.session.schedule;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** One session of a participant's schedule: its window, its booking and where it stands. */
@Entity
@Table(name = "protocol_session")
public class ProtocolSession extends PanacheEntityBase {
  @Id public UUID id;

  @Column(name = "participant_code")
  public String participantCode;

  @Column(name = "trial_id")
  public String trialId;

  @Column(name = "site_code")
  public String siteCode;

  @Enumerated(EnumType.STRING)
  public SessionKind kind;

  /** 1-based within its kind for the participant (integration 1..9 for three experimentals). */
  public int number;

  /** For integration sessions and follow-up contacts: the experimental session they follow. */
  @Column(name = "experimental_number")
  public Integer experimentalNumber;

  @Column(name = "target_date")
  public LocalDate targetDate;

  @Column(name = "window_start")
  public LocalDate windowStart;

  @Column(name = "window_end")
  public LocalDate windowEnd;

  @Enumerated(EnumType.STRING)
  public SessionStatus status;

  public String room;

  @Column(name = "starts_at")
  public Instant startsAt;

  @Column(name = "ends_at")
  public Instant endsAt;

  /** Booked therapists' usernames, comma-separated (rows in session_therapist are the truth). */
  public String therapists;

  /** Why it was aborted or cancelled. */
  @Column(name = "status_reason")
  public String statusReason;

  @Column(name = "scheduled_at")
  public Instant scheduledAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  public List<String> therapistList() {
    return therapists == null || therapists.isBlank()
        ? List.of()
        : Arrays.asList(therapists.split(","));
  }

  public boolean dosing() {
    return kind == SessionKind.EXPERIMENTAL;
  }
}

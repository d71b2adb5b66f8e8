package org.mdmaat.safety.adverse;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One expedited-report clock of an adverse event. An event has at most one running clock ({@code
 * endedAt} null); ended ones stay as its history: cleared, superseded by a shorter one, or
 * submitted.
 */
@Entity
@Table(name = "expedited_report_clock")
public class ExpeditedReportClock extends PanacheEntityBase {
  @Id public UUID id;

  @Column(name = "adverse_event_id")
  public UUID adverseEventId;

  @Column(name = "trial_id")
  public String trialId;

  @Column(name = "site_code")
  public String siteCode;

  @Column(name = "started_version")
  public int startedVersion;

  /** The seriousness criteria (comma-separated) when the clock started. */
  public String seriousness;

  /** 15, or 7 when fatal or life-threatening. */
  public int days;

  @Column(name = "awareness_at")
  public Instant awarenessAt;

  public LocalDate due;

  @Column(name = "started_at")
  public Instant startedAt;

  @Column(name = "ended_at")
  public Instant endedAt;

  @Column(name = "ended_version")
  public Integer endedVersion;

  @Enumerated(EnumType.STRING)
  public Outcome outcome;

  @Column(name = "ended_reason")
  public String endedReason;

  @Column(name = "submitted_by")
  public String submittedBy;

  public String reference;

  boolean running() {
    return endedAt == null;
  }

  void end(Outcome outcome, int version, Instant at, String reason) {
    this.outcome = outcome;
    this.endedVersion = version;
    this.endedAt = at;
    this.endedReason = reason;
  }

  /** How a clock ended. */
  public enum Outcome {
    /** The event no longer owes a report (judged expected or unrelated, or not serious). */
    CLEARED,
    /** A shorter clock (fatal or life-threatening) took its place. */
    SUPERSEDED,
    /** The report was submitted. */
    SUBMITTED
  }

  /** A clock as shown with its event. */
  public record View(
      UUID id,
      int startedVersion,
      String seriousness,
      int days,
      Instant awarenessAt,
      LocalDate due,
      Instant startedAt,
      boolean running,
      Instant endedAt,
      Integer endedVersion,
      Outcome outcome,
      String endedReason,
      String submittedBy,
      String reference) {
    static View of(ExpeditedReportClock c) {
      return new View(
          c.id,
          c.startedVersion,
          c.seriousness,
          c.days,
          c.awarenessAt,
          c.due,
          c.startedAt,
          c.running(),
          c.endedAt,
          c.endedVersion,
          c.outcome,
          c.endedReason,
          c.submittedBy,
          c.reference);
    }
  }
}

package org.mdmaat.safety.followup;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * One of the daily contacts after a dose (the post-MDMA mood dip is watched), as session-service
 * laid it out in FollowUpContactsScheduled.
 */
@Entity
@Table(name = "follow_up_contact")
public class FollowUpContact extends PanacheEntityBase {
  /** session-service's id for the contact, so both services name it the same way. */
  @Id public String id;

  @Column(name = "session_id")
  public String sessionId;

  @Column(name = "participant_code")
  public String participantCode;

  @Column(name = "trial_id")
  public String trialId;

  @Column(name = "site_code")
  public String siteCode;

  /** Days after the dose, from 1. */
  public int day;

  /** A calendar day at the site (in its time zone). */
  @Column(name = "due_date")
  public LocalDate dueDate;

  /** When {@link #dueDate} ends at the site: unrecorded after this, the contact is missed. */
  @Column(name = "due_until")
  public Instant dueUntil;

  @Column(name = "contacted_at")
  public Instant contactedAt;

  public String note;

  @Column(name = "recorded_by")
  public String recordedBy;

  @Column(name = "recorded_at")
  public Instant recordedAt;

  /** The start of the day after {@code dueDate} in {@code zone} (its first moment, across DST). */
  static Instant dueUntil(LocalDate dueDate, ZoneId zone) {
    return dueDate.plusDays(1).atStartOfDay(zone).toInstant();
  }

  ContactStatus status(Instant now) {
    if (recordedAt != null) {
      return ContactStatus.RECORDED;
    }
    return now.isBefore(dueUntil) ? ContactStatus.PENDING : ContactStatus.MISSED;
  }
}

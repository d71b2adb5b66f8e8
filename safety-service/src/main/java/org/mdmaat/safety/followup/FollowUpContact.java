package org.mdmaat.safety.followup;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** One of the daily contacts after a dosing session (the post-MDMA mood dip is watched). */
@Entity
@Table(name = "follow_up_contact")
public class FollowUpContact extends PanacheEntityBase {
  @Id public UUID id;

  @Column(name = "session_id")
  public String sessionId;

  @Column(name = "participant_code")
  public String participantCode;

  @Column(name = "trial_id")
  public String trialId;

  @Column(name = "site_code")
  public String siteCode;

  /** 1 to 7: days after the session. */
  public int day;

  @Column(name = "due_date")
  public LocalDate dueDate;

  @Column(name = "contacted_at")
  public Instant contactedAt;

  public String note;

  @Column(name = "recorded_by")
  public String recordedBy;

  @Column(name = "recorded_at")
  public Instant recordedAt;
}

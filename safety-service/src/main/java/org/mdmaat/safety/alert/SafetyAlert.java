package org.mdmaat.safety.alert;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;

/**
 * A safety finding the site's investigators and therapists must see. A vitals alert covers one
 * episode: from the first out-of-range reading of a vital until it is back in range.
 */
@Entity
@DynamicUpdate // acknowledgement and escalation write different columns; neither overwrites
@Table(name = "safety_alert")
public class SafetyAlert extends PanacheEntityBase {
  @Id public UUID id;

  @Enumerated(EnumType.STRING)
  public AlertKind kind;

  /** The vital for a vitals alert (e.g. SYSTOLIC); null otherwise. */
  public String vital;

  @Enumerated(EnumType.STRING)
  public AlertLevel level;

  @Column(name = "participant_code")
  public String participantCode;

  @Column(name = "trial_id")
  public String trialId;

  @Column(name = "site_code")
  public String siteCode;

  @Column(name = "session_id")
  public String sessionId;

  public String summary;

  @Column(name = "raised_at")
  public Instant raisedAt;

  @Column(name = "episode_ended_at")
  public Instant episodeEndedAt;

  @Column(name = "acknowledged_by")
  public String acknowledgedBy;

  @Column(name = "acknowledged_at")
  public Instant acknowledgedAt;

  @Column(name = "acknowledgement_note")
  public String acknowledgementNote;

  @Column(name = "escalated_at")
  public Instant escalatedAt;
}

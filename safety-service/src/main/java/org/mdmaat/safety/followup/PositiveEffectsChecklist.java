package org.mdmaat.safety.followup;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A dosing session's solicited positive-effects checklist; one per session. */
@Entity
@Table(name = "positive_effects_checklist")
public class PositiveEffectsChecklist extends PanacheEntityBase {
  @Id
  @Column(name = "session_id")
  public String sessionId;

  @Column(name = "participant_code")
  public String participantCode;

  @Column(name = "trial_id")
  public String trialId;

  @Column(name = "site_code")
  public String siteCode;

  @Column(name = "asked_at")
  public Instant askedAt;

  /** The answers as JSON: effect, present, and the adverse event id of a positive one. */
  public String answers;

  @Column(name = "positive_count")
  public int positiveCount;

  @Column(name = "recorded_by")
  public String recordedBy;

  @Column(name = "recorded_at")
  public Instant recordedAt;
}

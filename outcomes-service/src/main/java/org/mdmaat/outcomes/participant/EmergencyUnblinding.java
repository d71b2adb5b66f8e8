package org.mdmaat.outcomes.participant;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One participant's blind was broken for a medical reason (ParticipantEmergencyUnblinded): that and
 * when, never the arm.
 */
@Entity
@Table(name = "participant_emergency_unblinding")
public class EmergencyUnblinding extends PanacheEntityBase {
  @Id
  @Column(name = "participant_code")
  public String participantCode;

  @Column(name = "trial_id")
  public String trialId;

  @Column(name = "site_code")
  public String siteCode;

  @Column(name = "unblinded_by")
  public String unblindedBy;

  public String reason;

  @Column(name = "unblinded_at")
  public Instant unblindedAt;

  @Column(name = "recorded_at")
  public Instant recordedAt;
}

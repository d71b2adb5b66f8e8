package org.mdmaat.outcomes.participant;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A dose session-service announced (DoseAdministered): the dosing dates timepoint windows are
 * anchored to. The kit code (which stands in for the arm) is not kept.
 */
@Entity
@Table(name = "participant_dose")
public class ParticipantDose extends PanacheEntityBase {
  @Id
  @Column(name = "dose_id")
  public String doseId;

  @Column(name = "session_id")
  public String sessionId;

  @Column(name = "participant_code")
  public String participantCode;

  @Column(name = "trial_id")
  public String trialId;

  @Column(name = "site_code")
  public String siteCode;

  public boolean supplemental;

  @Column(name = "administered_at")
  public Instant administeredAt;

  @Column(name = "recorded_at")
  public Instant recordedAt;
}

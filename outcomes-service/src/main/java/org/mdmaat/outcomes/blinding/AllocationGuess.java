package org.mdmaat.outcomes.blinding;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.mdmaat.outcomes.assessment.Timepoint;

/** One guess of the participant's arm, by the participant, a therapist or the rater. */
@Entity
@Table(name = "allocation_guess")
public class AllocationGuess extends PanacheEntityBase {
  @Id public UUID id;

  @Column(name = "participant_code")
  public String participantCode;

  @Column(name = "trial_id")
  public String trialId;

  @Column(name = "site_code")
  public String siteCode;

  @Enumerated(EnumType.STRING)
  public Guesser guesser;

  @Enumerated(EnumType.STRING)
  public Timepoint timepoint;

  @Enumerated(EnumType.STRING)
  public Guess guess;

  @Column(name = "recorded_by")
  public String recordedBy;

  @Column(name = "recorded_at")
  public Instant recordedAt;

  /** Made after the participant's emergency unblinding: not blind, left out of the indices. */
  @Column(name = "after_emergency_unblinding")
  public boolean afterEmergencyUnblinding;

  /**
   * Whether the guess was made once the participant's blind was broken at {@code unblindedAt}
   * (null: never). Also catches a guess recorded before the unblinding event reached this service.
   */
  public boolean afterEmergencyUnblinding(java.time.Instant unblindedAt) {
    return afterEmergencyUnblinding || (unblindedAt != null && !recordedAt.isBefore(unblindedAt));
  }
}

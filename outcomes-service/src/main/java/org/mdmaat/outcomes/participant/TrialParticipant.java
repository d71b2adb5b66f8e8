package org.mdmaat.outcomes.participant;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A randomized participant as recruitment-service announced it; never carries the arm. */
@Entity
@Table(name = "trial_participant")
public class TrialParticipant extends PanacheEntityBase {
  @Id
  @Column(name = "participant_code")
  public String participantCode;

  @Column(name = "trial_id")
  public String trialId;

  @Column(name = "site_code")
  public String siteCode;

  public String stratum;

  @Column(name = "kit_code")
  public String kitCode;

  // The four subgroup facts: null is not known (never assumed false). ParticipantRandomized
  // carries the first two; ParticipantSubgroupsRecorded all four, and wins once applied.
  @Column(name = "dissociative_subtype")
  public Boolean dissociativeSubtype;

  public Boolean veteran;

  @Column(name = "combat_exposure")
  public Boolean combatExposure;

  @Column(name = "traumatic_brain_injury")
  public Boolean traumaticBrainInjury;

  /** The revision of the last ParticipantSubgroupsRecorded applied; null: none yet. */
  @Column(name = "subgroups_revision")
  public Long subgroupsRevision;

  @Column(name = "randomized_at")
  public Instant randomizedAt;

  /** From ParticipantWithdrawn: a withdrawn participant owes no primary endpoint. */
  @Column(name = "withdrawn_at")
  public Instant withdrawnAt;

  @Column(name = "recorded_at")
  public Instant recordedAt;
}

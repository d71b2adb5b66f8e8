package org.mdmaat.recruitment.participant;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A candidate or participant at a site. The code is random, not derived from the name; the name and
 * contact details never leave this service.
 */
@Entity
@Table(name = "participant")
public class Participant extends PanacheEntityBase {
  @Id public String code;

  @Column(name = "trial_id")
  public String trialId;

  @Column(name = "site_code")
  public String siteCode;

  @Enumerated(EnumType.STRING)
  public ParticipantStatus status;

  @Column(name = "full_name")
  public String fullName;

  public String email;
  public String phone;

  @Column(name = "pre_screen_id")
  public UUID preScreenId;

  @Column(name = "weight_kg")
  public Double weightKg;

  @Column(name = "dissociative_subtype")
  public boolean dissociativeSubtype;

  public boolean veteran;

  @Column(name = "combat_exposure")
  public boolean combatExposure;

  @Column(name = "traumatic_brain_injury")
  public boolean traumaticBrainInjury;

  /** Null for participants registered before sex was recorded. */
  @Enumerated(EnumType.STRING)
  public Sex sex;

  /** Null when not recorded (registered before it was): never assumed either way. */
  @Column(name = "childbearing_potential")
  public Boolean childbearingPotential;

  @Column(name = "eligibility_signed_by")
  public String eligibilitySignedBy;

  @Column(name = "eligibility_signer_name")
  public String eligibilitySignerName;

  @Column(name = "eligibility_meaning")
  public String eligibilityMeaning;

  @Column(name = "eligibility_signed_at")
  public Instant eligibilitySignedAt;

  /** The investigator's whole electronic signature on eligibility, as JSON. */
  @Column(name = "eligibility_signature")
  public String eligibilitySignature;

  @Column(name = "consent_form_version")
  public String consentFormVersion;

  @Column(name = "consent_date")
  public LocalDate consentDate;

  /** Who recorded the consent (username); null for consents recorded before V5. */
  @Column(name = "consent_recorded_by")
  public String consentRecordedBy;

  @Column(name = "consent_recorded_at")
  public Instant consentRecordedAt;

  @Column(name = "enrolled_at")
  public Instant enrolledAt;

  @Column(name = "randomized_at")
  public Instant randomizedAt;

  public String stratum;

  @Column(name = "kit_code")
  public String kitCode;

  @Column(name = "ended_reason")
  public String endedReason;

  @Column(name = "emergency_unblinded_at")
  public Instant emergencyUnblindedAt;

  /** The latest emergency unblinding's electronic signature, as JSON. */
  @Column(name = "emergency_unblinding_signature")
  public String emergencyUnblindingSignature;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Version public long version;
}

package org.mdmaat.recruitment.eligibility;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * What is kept of a pre-screen: its result and the criteria named. Not the answers; contact details
 * only when the candidate consented to be contacted.
 */
@Entity
@Table(name = "pre_screen")
public class PreScreen extends PanacheEntityBase {
  @Id public UUID id;

  @Column(name = "trial_id")
  public String trialId;

  @Column(name = "recruitment_call_id")
  public UUID recruitmentCallId;

  @Enumerated(EnumType.STRING)
  public Result result;

  /** The criterion ids named in the result, comma-separated. */
  public String criteria;

  @Column(name = "consent_to_contact")
  public boolean consentToContact;

  @Column(name = "contact_name")
  public String contactName;

  @Column(name = "contact_email")
  public String contactEmail;

  @Column(name = "contact_phone")
  public String contactPhone;

  @Column(name = "submitted_at")
  public Instant submittedAt;
}

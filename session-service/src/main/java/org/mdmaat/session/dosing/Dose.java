package org.mdmaat.session.dosing;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A dose given in a dosing session. Carries the kit code, never the arm. */
@Entity
@Table(name = "dose")
public class Dose extends PanacheEntityBase {
  @Id public UUID id;

  @Column(name = "session_id")
  public UUID sessionId;

  @Column(name = "participant_code")
  public String participantCode;

  @Column(name = "trial_id")
  public String trialId;

  @Column(name = "site_code")
  public String siteCode;

  @Column(name = "kit_code")
  public String kitCode;

  public boolean supplemental;

  @Column(name = "mg_hcl")
  public BigDecimal mgHcl;

  @Column(name = "mg_base")
  public BigDecimal mgBase;

  @Column(name = "administered_at")
  public Instant administeredAt;

  @Column(name = "recorded_by")
  public String recordedBy;

  @Column(name = "recorded_at")
  public Instant recordedAt;

  /** Entered more than {@code session.dose.late-after} after it was given. */
  public boolean late;

  /**
   * The participant's current vitals level safety-service answered before the dose (VITALS_WARN,
   * …); null for doses recorded before V8.
   */
  @Column(name = "vitals_level")
  public String vitalsLevel;

  /** The vitals findings safety-service named (one per line); null when none. */
  @Column(name = "vitals_findings")
  public String vitalsFindings;

  /** The investigator who confirmed a supplemental dose despite the vitals; null otherwise. */
  @Column(name = "vitals_confirmed_by")
  public String vitalsConfirmedBy;

  @Column(name = "vitals_confirmation_reason")
  public String vitalsConfirmationReason;
}

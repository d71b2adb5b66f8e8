package org.mdmaat.outcomes.screening;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A screening CAPS-5: administered by an independent rater to a consented candidate, before the
 * investigator signs eligibility. Not an assessment at a protocol timepoint: the candidate is not
 * enrolled yet.
 */
@Entity
@Table(name = "screening_assessment")
public class ScreeningAssessment extends PanacheEntityBase {
  @Id public UUID id;

  @Column(name = "participant_code")
  public String participantCode;

  @Column(name = "trial_id")
  public String trialId;

  @Column(name = "site_code")
  public String siteCode;

  public String instrument;

  /** Item responses as JSON, sorted by item code. */
  public String responses;

  public int total;

  /** Every derived flag of the instrument as JSON. */
  public String flags;

  /** The DSM-5 diagnostic rule as the instrument scores it. */
  @Column(name = "ptsd_diagnosis")
  public boolean ptsdDiagnosis;

  @Column(name = "administered_at")
  public Instant administeredAt;

  @Column(name = "recorded_by")
  public String recordedBy;

  @Column(name = "recorded_at")
  public Instant recordedAt;
}

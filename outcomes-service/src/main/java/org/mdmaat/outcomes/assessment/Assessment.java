package org.mdmaat.outcomes.assessment;

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
 * One instrument administered to a participant at a timepoint, with its current (latest revision)
 * responses and scores. JSON columns are text so they are stored exactly as written.
 */
@Entity
@Table(name = "assessment")
public class Assessment extends PanacheEntityBase {
  @Id public UUID id;

  @Column(name = "participant_code")
  public String participantCode;

  @Column(name = "trial_id")
  public String trialId;

  @Column(name = "site_code")
  public String siteCode;

  public String instrument;

  @Enumerated(EnumType.STRING)
  public Timepoint timepoint;

  public int revision;

  /** Item code to response, JSON. */
  public String responses;

  public int total;

  /** Subscale code to sum, JSON. */
  public String subscales;

  public String band;

  /** Flag code to value, JSON. */
  public String flags;

  @Column(name = "administered_at")
  public Instant administeredAt;

  @Column(name = "recorded_by")
  public String recordedBy;

  @Column(name = "recorded_at")
  public Instant recordedAt;

  /** Why the latest revision was written; null for the first. */
  public String reason;
}

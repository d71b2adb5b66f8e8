package org.mdmaat.safety.vitals;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.mdmaat.safety.signing.StoredSignature;

/**
 * One change of a trial's limits (site null) or of a site's override, as set: the history of limit
 * changes, kept beside the audit trail so that "which limits were in force when" is one query.
 */
@Entity
@Table(name = "vital_threshold_change")
public class VitalThresholdChange extends PanacheEntityBase {
  @Id public UUID id;

  @Column(name = "trial_id")
  public String trialId;

  /** Null for the trial's own limits. */
  @Column(name = "site_code")
  public String siteCode;

  public int version;

  /** JSON of the {@link VitalLimits} set by this change. */
  public String limits;

  public String reason;

  @Column(name = "changed_by")
  public String changedBy;

  @Column(name = "changed_at")
  public Instant changedAt;

  /** The sponsor's signature of a trial-wide change; null for a site's. */
  @Embedded public StoredSignature signature;
}

package org.mdmaat.safety.vitals;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/**
 * A site's stricter limits for one trial, set by an investigator of the site: only the limits it
 * sets, as JSON of {@link VitalLimits} (the others follow the trial's).
 */
@Entity
@Table(name = "site_vital_thresholds")
public class SiteVitalThresholds extends PanacheEntityBase {
  @EmbeddedId public Key key;

  /** JSON of the {@link VitalLimits} the site sets. */
  public String limits;

  public int version;

  public String reason;

  @Column(name = "updated_by")
  public String updatedBy;

  @Column(name = "updated_at")
  public Instant updatedAt;

  @Embeddable
  public record Key(
      @Column(name = "trial_id") String trialId, @Column(name = "site_code") String siteCode)
      implements Serializable {}
}

package org.mdmaat.outcomes.statistics;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * One setting of a trial's response and remission thresholds for one instrument, by the trial's
 * sponsor; never changed. The highest revision is the current setting, the rest its history. A null
 * threshold is not set; 0 is a value.
 */
@Entity
@Table(name = "trial_outcome_rule")
public class TrialOutcomeRule extends PanacheEntityBase {
  @Id public UUID id;

  @Column(name = "trial_id")
  public String trialId;

  public String instrument;

  public int revision;

  @Column(name = "response_min_drop")
  public Integer responseMinDrop;

  @Column(name = "remission_max_total")
  public Integer remissionMaxTotal;

  public String reason;

  @Column(name = "set_by")
  public String setBy;

  @Column(name = "set_at")
  public Instant setAt;
}

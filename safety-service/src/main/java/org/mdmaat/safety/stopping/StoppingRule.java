package org.mdmaat.safety.stopping;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A trial's stopping rule: when the trial counts this many serious adverse events suspected to be
 * related to the study drug, enrollment pauses. Fires at most once.
 */
@Entity
@Table(name = "stopping_rule")
public class StoppingRule extends PanacheEntityBase {
  @Id public UUID id;

  @Column(name = "trial_id")
  public String trialId;

  public String name;

  @Column(name = "related_serious_events")
  public int relatedSeriousEvents;

  @Column(name = "created_by")
  public String createdBy;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "fired_at")
  public Instant firedAt;
}

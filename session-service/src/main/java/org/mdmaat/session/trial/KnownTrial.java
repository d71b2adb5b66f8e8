package org.mdmaat.session.trial;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A trial's recruitment status as recruitment-service last announced it. */
@Entity
@Table(name = "known_trial")
public class KnownTrial extends PanacheEntityBase {
  @Id
  @Column(name = "trial_id")
  public String trialId;

  public String status;

  /** When recruitment-service changed it: an older event never overwrites a newer one. */
  @Column(name = "changed_at")
  public Instant changedAt;

  @Column(name = "updated_at")
  public Instant updatedAt;
}

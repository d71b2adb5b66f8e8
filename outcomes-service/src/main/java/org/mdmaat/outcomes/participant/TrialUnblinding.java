package org.mdmaat.outcomes.participant;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The trial was unblinded (TrialUnblinded): arm-level results may be shown. */
@Entity
@Table(name = "trial_unblinding")
public class TrialUnblinding extends PanacheEntityBase {
  @Id
  @Column(name = "trial_id")
  public String trialId;

  @Column(name = "unblinded_by")
  public String unblindedBy;

  public String reason;

  @Column(name = "unblinded_at")
  public Instant unblindedAt;

  @Column(name = "recorded_at")
  public Instant recordedAt;
}

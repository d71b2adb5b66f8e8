package org.mdmaat.safety.trial;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The sponsor that first configured a trial here; other sponsors never see the trial. */
@Entity
@Table(name = "trial_sponsor")
public class TrialSponsor extends PanacheEntityBase {
  @Id
  @Column(name = "trial_id")
  public String trialId;

  @Column(name = "sponsor_id")
  public String sponsorId;

  @Column(name = "claimed_by")
  public String claimedBy;

  @Column(name = "claimed_at")
  public Instant claimedAt;
}

package org.mdmaat.recruitment.call;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A sponsor's public call for participants in one of its trials. */
@Entity
@Table(name = "recruitment_call")
public class RecruitmentCall extends PanacheEntityBase {
  @Id public UUID id;

  @Column(name = "trial_id")
  public String trialId;

  public String summary;
  public boolean open;

  @Column(name = "posted_by")
  public String postedBy;

  @Column(name = "posted_at")
  public Instant postedAt;

  @Column(name = "closed_at")
  public Instant closedAt;
}

package org.mdmaat.recruitment.randomization;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One position of a stratum's concealed allocation list; taken by one participant. */
@Entity
@Table(name = "allocation_slot")
public class AllocationSlot extends PanacheEntityBase {
  @Id public UUID id;

  @Column(name = "trial_id")
  public String trialId;

  public String stratum;
  public int seq;

  @Column(name = "block_number")
  public int blockNumber;

  @Column(name = "block_size")
  public int blockSize;

  @Enumerated(EnumType.STRING)
  public Arm arm;

  @Column(name = "kit_code")
  public String kitCode;

  @Column(name = "participant_code")
  public String participantCode;

  @Column(name = "assigned_at")
  public Instant assignedAt;
}

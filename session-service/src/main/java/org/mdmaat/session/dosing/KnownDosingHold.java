package org.mdmaat.session.dosing;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A hold as safety-service announced it (DosingHoldPlaced / DosingHoldLifted). */
@Entity
@Table(name = "dosing_hold")
public class KnownDosingHold extends PanacheEntityBase {
  @Id
  @Column(name = "hold_id")
  public UUID holdId;

  @Column(name = "participant_code")
  public String participantCode;

  @Column(name = "trial_id")
  public String trialId;

  @Column(name = "site_code")
  public String siteCode;

  public String cause;
  public String reason;

  @Column(name = "placed_at")
  public Instant placedAt;

  @Column(name = "lifted_at")
  public Instant liftedAt;

  @Column(name = "lift_reason")
  public String liftReason;
}

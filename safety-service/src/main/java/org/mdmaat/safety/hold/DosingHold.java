package org.mdmaat.safety.hold;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** No dose may be given to the participant while an unlifted hold exists. */
@Entity
@Table(name = "dosing_hold")
public class DosingHold extends PanacheEntityBase {
  @Id public UUID id;

  @Column(name = "participant_code")
  public String participantCode;

  @Column(name = "trial_id")
  public String trialId;

  @Column(name = "site_code")
  public String siteCode;

  @Enumerated(EnumType.STRING)
  public HoldCause cause;

  public String reason;

  @Column(name = "placed_by")
  public String placedBy;

  @Column(name = "placed_at")
  public Instant placedAt;

  @Column(name = "lifted_by")
  public String liftedBy;

  @Column(name = "lifted_at")
  public Instant liftedAt;

  @Column(name = "lift_reason")
  public String liftReason;

  @Column(name = "signature_name")
  public String signatureName;

  @Enumerated(EnumType.STRING)
  @Column(name = "signature_meaning")
  public SignatureMeaning signatureMeaning;

  @Column(name = "signed_at")
  public Instant signedAt;

  public boolean active() {
    return liftedAt == null;
  }
}

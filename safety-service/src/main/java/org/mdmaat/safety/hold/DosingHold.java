package org.mdmaat.safety.hold;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.mdmaat.platform.signature.SignedRecord;
import org.mdmaat.safety.signing.StoredSignature;

/** No dose may be given to the participant while an unlifted hold exists. */
@Entity
@Table(name = "dosing_hold")
public class DosingHold extends PanacheEntityBase {
  /** The type of record a lift's signature names. */
  public static final String RECORD_TYPE = "DosingHold";

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

  /** The lifting investigator's signature; null while the hold is active. */
  @Embedded public StoredSignature liftSignature;

  public boolean active() {
    return liftedAt == null;
  }

  /**
   * The record a lift signs: which hold, what it was about and why it is lifted. Only what no later
   * change touches, so the hash can be checked again from the stored hold.
   */
  public SignedRecord liftRecord(String liftReason) {
    return new SignedRecord(
        RECORD_TYPE,
        id.toString(),
        new SignedLift(id, participantCode, trialId, siteCode, cause, reason, liftReason));
  }

  /** The content of a signed lift. */
  public record SignedLift(
      UUID holdId,
      String participantCode,
      String trialId,
      String siteCode,
      HoldCause cause,
      String holdReason,
      String liftReason) {}
}

package org.mdmaat.session.accountability;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * A destruction of study drug as a pharmacist recorded it (DEA Form 41's facts), waiting for its
 * two witnesses' signatures; once both have signed, the DESTROYED line {@link #movementId}.
 */
@Entity
@Table(name = "kit_destruction")
public class KitDestruction extends PanacheEntityBase {
  @Id public UUID id;

  @Column(name = "site_code")
  public String siteCode;

  @Column(name = "kit_code")
  public String kitCode;

  @Column(name = "kit_id")
  public UUID kitId;

  @Column(name = "mg_hcl")
  public BigDecimal mgHcl;

  /** How the drug is rendered non-retrievable. */
  public String method;

  public String note;

  @Enumerated(EnumType.STRING)
  public DestructionStatus status;

  @Column(name = "recorded_by")
  public String recordedBy;

  /** The recorder's name from their identity, as printed on the record. */
  @Column(name = "recorder_name")
  public String recorderName;

  @Column(name = "recorded_at")
  public Instant recordedAt;

  @Column(name = "movement_id")
  public UUID movementId;

  @Column(name = "cancelled_by")
  public String cancelledBy;

  @Column(name = "cancelled_at")
  public Instant cancelledAt;

  @Column(name = "cancel_reason")
  public String cancelReason;

  /**
   * SHA-256 of the facts a witness attests (none of which ever changes), kept with each signature
   * so that a signature stays linked to the record it signed (21 CFR 11.70).
   */
  String digest() {
    var text =
        String.join(
            "|",
            "kit-destruction/v1",
            id.toString(),
            siteCode,
            kitCode,
            mgHcl.toPlainString(),
            method,
            recordedBy,
            recordedAt.toString());
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }

  /** What the witness signs, in words. */
  String statement(String printedName, String witness) {
    return "I, "
        + printedName
        + " ("
        + witness
        + "), witnessed the destruction of "
        + mgHcl.toPlainString()
        + " mg HCl from kit "
        + kitCode
        + " at "
        + siteCode
        + " by "
        + method
        + ", recorded by "
        + recorderName
        + " ("
        + recordedBy
        + ") at "
        + recordedAt
        + ", and saw it rendered non-retrievable.";
  }
}

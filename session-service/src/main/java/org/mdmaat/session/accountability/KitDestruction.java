package org.mdmaat.session.accountability;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.UUID;
import org.mdmaat.platform.signature.SignedRecord;

/**
 * A destruction of study drug as a pharmacist recorded it (DEA Form 41's facts), waiting for its
 * two witnesses' signatures; once both have signed, the DESTROYED line {@link #movementId}.
 */
@Entity
@Table(name = "kit_destruction")
public class KitDestruction extends PanacheEntityBase {
  /** The record type of witnesses' signatures. */
  static final String RECORD_TYPE = "KitDestruction";

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
   * What a witness signs: the destruction's facts, none of which ever changes (not its status or
   * signatures), and the statement they attest. Its hash is kept with the signature, so a signature
   * stays bound to this record and this witness's statement (21 CFR 11.70).
   */
  SignedRecord signed(String statement) {
    var content = new LinkedHashMap<String, Object>();
    content.put("siteCode", siteCode);
    content.put("kitCode", kitCode);
    // As text: the hash must not depend on how a number is written.
    content.put("mgHcl", mgHcl.toPlainString());
    content.put("method", method);
    content.put("recordedBy", recordedBy);
    content.put("recorderName", recorderName);
    content.put("recordedAt", recordedAt.toString());
    content.put("statement", statement);
    return new SignedRecord(RECORD_TYPE, id.toString(), content);
  }

  /** What the witness attests, in words, named as the identity provider names them. */
  String statement(String signerName, String witness) {
    return "I, "
        + signerName
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

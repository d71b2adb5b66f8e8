package org.mdmaat.outcomes.lock;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.mdmaat.platform.signature.ElectronicSignature;
import org.mdmaat.platform.signature.SignatureMeaning;

/**
 * One lock or unlock of a trial's outcome data, with its electronic signature; never changed. The
 * row with the highest sequence is the trial's current state.
 */
@Entity
@Table(name = "trial_data_lock")
public class TrialDataLock extends PanacheEntityBase {
  /** What a row did. */
  public enum Action {
    LOCK,
    UNLOCK
  }

  @Id public UUID id;

  @Column(name = "trial_id")
  public String trialId;

  public int sequence;

  @Enumerated(EnumType.STRING)
  public Action action;

  public String reason;

  /** How many assessments the trial had when this was signed (part of what was signed). */
  public int assessments;

  @Column(name = "acted_by")
  public String actedBy;

  @Column(name = "acted_at")
  public Instant actedAt;

  @Column(name = "signer_id")
  public String signerId;

  @Column(name = "signer_username")
  public String signerUsername;

  @Column(name = "signer_name")
  public String signerName;

  @Enumerated(EnumType.STRING)
  @Column(name = "signature_meaning")
  public SignatureMeaning signatureMeaning;

  @Column(name = "signed_at")
  public Instant signedAt;

  @Column(name = "authenticated_at")
  public Instant authenticatedAt;

  @Column(name = "signed_record_type")
  public String signedRecordType;

  @Column(name = "signed_record_id")
  public String signedRecordId;

  @Column(name = "signed_content_hash")
  public String signedContentHash;

  public ElectronicSignature signature() {
    return new ElectronicSignature(
        signerId,
        signerUsername,
        signerName,
        signatureMeaning,
        signedAt,
        authenticatedAt,
        signedRecordType,
        signedRecordId,
        signedContentHash);
  }

  void sign(ElectronicSignature signature) {
    signerId = signature.signerId();
    signerUsername = signature.signerUsername();
    signerName = signature.signerName();
    signatureMeaning = signature.meaning();
    signedAt = signature.signedAt();
    authenticatedAt = signature.authenticatedAt();
    signedRecordType = signature.recordType();
    signedRecordId = signature.recordId();
    signedContentHash = signature.contentHash();
  }
}

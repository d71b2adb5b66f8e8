package org.mdmaat.safety.signing;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import java.time.Instant;
import org.mdmaat.platform.signature.ElectronicSignature;
import org.mdmaat.platform.signature.SignatureMeaning;

/**
 * The columns of a platform {@link ElectronicSignature}, kept with the record it signs. The
 * record's type and id are not stored: the record holding these columns is the one signed.
 */
@Embeddable
public class StoredSignature {
  @Column(name = "signer_id")
  public String signerId;

  @Column(name = "signer_username")
  public String signerUsername;

  @Column(name = "signer_name")
  public String signerName;

  @Enumerated(EnumType.STRING)
  @Column(name = "signature_meaning")
  public SignatureMeaning meaning;

  @Column(name = "signed_at")
  public Instant signedAt;

  @Column(name = "authenticated_at")
  public Instant authenticatedAt;

  @Column(name = "content_hash")
  public String contentHash;

  public static StoredSignature of(ElectronicSignature signature) {
    var stored = new StoredSignature();
    stored.signerId = signature.signerId();
    stored.signerUsername = signature.signerUsername();
    stored.signerName = signature.signerName();
    stored.meaning = signature.meaning();
    stored.signedAt = signature.signedAt();
    stored.authenticatedAt = signature.authenticatedAt();
    stored.contentHash = signature.contentHash();
    return stored;
  }

  /** The signature as the platform shows it, on the record {@code recordType}/{@code recordId}. */
  public ElectronicSignature toSignature(String recordType, String recordId) {
    return new ElectronicSignature(
        signerId,
        signerUsername,
        signerName,
        meaning,
        signedAt,
        authenticatedAt,
        recordType,
        recordId,
        contentHash);
  }

  /** {@code stored} as the platform shows it; null when the record is not signed. */
  public static ElectronicSignature shown(
      StoredSignature stored, String recordType, String recordId) {
    return stored == null || stored.signedAt == null
        ? null
        : stored.toSignature(recordType, recordId);
  }
}

package org.mdmaat.platform.signature;

import java.time.Instant;

/**
 * An electronic signature bound to its record (21 CFR 11.50, 11.70).
 *
 * @param signerId the identity provider's stable id of the signer ({@code sub})
 * @param signerUsername the signer's username, as the audit trail names them
 * @param signerName the signer's full name from the identity provider ({@code name} claim)
 * @param meaning what the signature means
 * @param signedAt when it was signed, UTC, by the server's clock
 * @param authenticatedAt when the signer last entered their credentials ({@code auth_time})
 * @param recordType the kind of record signed, e.g. {@code DosingHold}
 * @param recordId the id of the record signed
 * @param contentHash SHA-256 (hex) of the record's canonical JSON, so the signature cannot be moved
 *     to another record or survive a change of this one
 */
public record ElectronicSignature(
    String signerId,
    String signerUsername,
    String signerName,
    SignatureMeaning meaning,
    Instant signedAt,
    Instant authenticatedAt,
    String recordType,
    String recordId,
    String contentHash) {

  /** The human-readable manifestation shown with the record (21 CFR 11.50(a)). */
  public String manifestation() {
    return signerName + " (" + signerUsername + "), " + meaning + ", " + signedAt;
  }
}

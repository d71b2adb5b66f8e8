package org.mdmaat.session.accountability;

import java.time.Instant;

/**
 * A witness's signature as shown with its destruction (no arm: witnesses are blinded). {@code
 * legacyPrintedName} and {@code legacyRecordDigest} are set only on signatures older than V7, which
 * have no signer id, IdP name, login time or content hash.
 */
public record SignatureView(
    String witness,
    String signerId,
    String signerName,
    String meaning,
    String statement,
    Instant signedAt,
    Instant authenticatedAt,
    String contentHash,
    String legacyPrintedName,
    String legacyRecordDigest) {
  static SignatureView of(DestructionSignature s) {
    return new SignatureView(
        s.witness,
        s.signerId,
        s.signerName,
        s.meaning,
        s.statement,
        s.signedAt,
        s.authenticatedAt,
        s.contentHash,
        s.legacyPrintedName,
        s.legacyRecordDigest);
  }
}

package org.mdmaat.session.accountability;

import java.time.Instant;

/** A witness's signature as shown with its destruction (no arm: witnesses are blinded). */
public record SignatureView(
    String witness,
    String printedName,
    SignatureMeaning meaning,
    String statement,
    String recordDigest,
    Instant signedAt) {
  static SignatureView of(DestructionSignature s) {
    return new SignatureView(
        s.witness, s.printedName, s.meaning, s.statement, s.recordDigest, s.signedAt);
  }
}

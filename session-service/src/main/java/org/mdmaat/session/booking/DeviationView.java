package org.mdmaat.session.booking;

import java.time.Instant;
import java.util.UUID;

public record DeviationView(
    UUID id,
    UUID sessionId,
    String participantCode,
    String trialId,
    String siteCode,
    String category,
    String reason,
    String recordedBy,
    Instant recordedAt,
    Signature signature) {

  /**
   * The electronic signature, null for unsigned deviations: username, stable id, name from the
   * identity provider, meaning, when signed and last logged in, and the hash of what was signed.
   * {@code legacyPrintedName} is set only on signatures older than V7 (which lack id, name, login
   * time and hash).
   */
  public record Signature(
      String signedBy,
      String signerId,
      String signerName,
      String meaning,
      Instant signedAt,
      Instant authenticatedAt,
      String contentHash,
      String legacyPrintedName) {}

  public static DeviationView of(ProtocolDeviation d) {
    return new DeviationView(
        d.id,
        d.sessionId,
        d.participantCode,
        d.trialId,
        d.siteCode,
        d.category,
        d.reason,
        d.recordedBy,
        d.recordedAt,
        d.signedBy == null
            ? null
            : new Signature(
                d.signedBy,
                d.signerId,
                d.signerName,
                d.signatureMeaning,
                d.signedAt,
                d.authenticatedAt,
                d.contentHash,
                d.legacyPrintedName));
  }
}

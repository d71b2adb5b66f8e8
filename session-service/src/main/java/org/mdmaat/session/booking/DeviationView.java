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

  /** Who signed, under which printed name and meaning, and when; null for unsigned deviations. */
  public record Signature(String signedBy, String printedName, String meaning, Instant signedAt) {}

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
            : new Signature(d.signedBy, d.printedName, d.signatureMeaning, d.signedAt));
  }
}

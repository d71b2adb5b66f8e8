package org.mdmaat.platform.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * A signed statement that a service's audit chain had entry {@code headSeq} with hash {@code
 * headHash} at {@code signedAt}. Everything up to that entry is then fixed: rewriting or removing
 * any of it changes entry {@code headSeq}'s hash or removes it, which verification reports.
 *
 * <p>The signed bytes ({@link #payload()}) are the UTF-8 of these lines, each ending in {@code \n}:
 * {@code mdmaat-checkpoint-v1}, id, service, chain ({@code audit} or {@code access}), headSeq,
 * headHash, signedAt (ISO-8601 UTC, as {@link Instant#toString()}), keyId. The signature is
 * Ed25519, base64.
 */
public record Checkpoint(
    UUID id,
    String service,
    String chain,
    long headSeq,
    String headHash,
    Instant signedAt,
    String keyId,
    String signature) {

  static final String VERSION = "mdmaat-checkpoint-v1";

  /** The bytes that are signed. */
  public byte[] payload() {
    return payload(id, service, chain, headSeq, headHash, signedAt, keyId);
  }

  static byte[] payload(
      UUID id,
      String service,
      String chain,
      long headSeq,
      String headHash,
      Instant signedAt,
      String keyId) {
    var text =
        String.join(
                "\n",
                VERSION,
                id.toString(),
                service,
                chain,
                Long.toString(headSeq),
                headHash,
                signedAt.toString(),
                keyId)
            + "\n";
    return text.getBytes(StandardCharsets.UTF_8);
  }

  byte[] signatureBytes() {
    try {
      return Base64.getDecoder().decode(signature);
    } catch (IllegalArgumentException | NullPointerException e) {
      return new byte[0];
    }
  }
}

package org.mdmaat.platform.audit;

/**
 * Signs checkpoints of the audit chain with a key the database never holds. The default is {@link
 * Ed25519FileSigner} (a key file, a Kubernetes secret in deploy/); a KMS or HSM implements this
 * interface as an {@code @Alternative} bean with a higher priority and never hands out its key.
 */
public interface CheckpointSigner {
  /**
   * Names the key, so that a verifier picks the matching public key (see {@link
   * Checkpoints#keyId}).
   */
  String keyId();

  /** The Ed25519 signature of {@code payload}. */
  byte[] sign(byte[] payload);
}

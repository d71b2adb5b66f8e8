package org.mdmaat.platform.audit;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.PrivateKey;

/**
 * Signs with an Ed25519 private key read from {@code platform.audit.checkpoint.private-key-file}
 * (in Kubernetes a secret mounted as a file). The default {@link CheckpointSigner}; a KMS or HSM
 * signer replaces it by being another bean of that type.
 */
@DefaultBean
@ApplicationScoped
public class Ed25519FileSigner implements CheckpointSigner {
  private final PrivateKey key;
  private final String keyId;

  Ed25519FileSigner(CheckpointConfig config) {
    this.key = Checkpoints.privateKey(config.privateKeyFile());
    var publicKey = Checkpoints.publicKey(config.publicKeyFile());
    this.keyId = Checkpoints.keyId(publicKey);
    // Fails at start-up, not at the first verify, when the two files are not one pair.
    var probe = new byte[] {1, 2, 3};
    try {
      var check = java.security.Signature.getInstance("Ed25519");
      check.initVerify(publicKey);
      check.update(probe);
      if (!check.verify(Checkpoints.sign(key, probe))) {
        throw new IllegalStateException(
            config.privateKeyFile() + " and " + config.publicKeyFile() + " are not one key pair");
      }
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("cannot check the checkpoint key pair", e);
    }
  }

  @Override
  public String keyId() {
    return keyId;
  }

  @Override
  public byte[] sign(byte[] payload) {
    return Checkpoints.sign(key, payload);
  }
}

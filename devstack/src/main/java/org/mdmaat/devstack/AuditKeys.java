package org.mdmaat.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;

/**
 * A service's audit checkpoint key pair and checkpoint sink (platform {@code
 * platform.audit.checkpoint.*}): an Ed25519 key pair made on first use, as PEM files the way {@code
 * openssl genpkey -algorithm ed25519} writes them, and the directory the service appends its signed
 * checkpoints to. Kept beside the database's data, so they live exactly as long as it.
 */
public final class AuditKeys {
  static final String PRIVATE_KEY = "checkpoint-key.pem";
  static final String PUBLIC_KEY = "checkpoint-key.pub.pem";
  static final String SINK = "checkpoints";

  private AuditKeys() {}

  /** The service config for the key pair and sink in {@code dir} (the pair made if missing). */
  static synchronized Map<String, String> config(Path dir) {
    var privateKey = dir.resolve(PRIVATE_KEY);
    var publicKey = dir.resolve(PUBLIC_KEY);
    if (!Files.exists(privateKey) || !Files.exists(publicKey)) {
      generate(privateKey, publicKey);
    }
    return Map.of(
        "platform.audit.checkpoint.private-key-file", privateKey.toString(),
        "platform.audit.checkpoint.public-key-file", publicKey.toString(),
        "platform.audit.checkpoint.sink-dir", dir.resolve(SINK).toString());
  }

  private static void generate(Path privateKey, Path publicKey) {
    try {
      var pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      Files.createDirectories(privateKey.getParent());
      Files.writeString(
          publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
      // The private key last: its presence says the pair is complete.
      Files.writeString(
          privateKey,
          pem("PRIVATE KEY", pair.getPrivate().getEncoded()),
          StandardCharsets.US_ASCII);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK cannot make Ed25519 keys", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the audit checkpoint keys to " + privateKey, e);
    }
  }

  private static String pem(String type, byte[] der) {
    var body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}

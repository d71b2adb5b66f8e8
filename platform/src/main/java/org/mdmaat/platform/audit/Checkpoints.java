package org.mdmaat.platform.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 keys as PEM files ({@code openssl genpkey -algorithm ed25519 -out key.pem}, {@code
 * openssl pkey -in key.pem -pubout -out key.pub.pem}) and checkpoint signatures, with the JDK's own
 * Ed25519 (no provider, no network).
 */
public final class Checkpoints {
  private Checkpoints() {}

  /** A PKCS#8 PEM private key ({@code -----BEGIN PRIVATE KEY-----}). */
  public static PrivateKey privateKey(Path pem) {
    try {
      return KeyFactory.getInstance("Ed25519")
          .generatePrivate(new PKCS8EncodedKeySpec(der(pem, "PRIVATE KEY")));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(pem + " is not an Ed25519 private key (PKCS#8 PEM)", e);
    }
  }

  /** An X.509 PEM public key ({@code -----BEGIN PUBLIC KEY-----}). */
  public static PublicKey publicKey(Path pem) {
    try {
      return publicKey(der(pem, "PUBLIC KEY"));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(pem + " is not an Ed25519 public key (X.509 PEM)", e);
    }
  }

  static PublicKey publicKey(byte[] x509) throws GeneralSecurityException {
    return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
  }

  /** The key's id: the first 16 hex digits of the SHA-256 of its X.509 encoding. */
  public static String keyId(PublicKey key) {
    try {
      var digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static byte[] sign(PrivateKey key, byte[] payload) {
    try {
      var signer = Signature.getInstance("Ed25519");
      signer.initSign(key);
      signer.update(payload);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with Ed25519", e);
    }
  }

  /** Whether {@code checkpoint} carries a valid signature by {@code key} over its own contents. */
  public static boolean signedBy(Checkpoint checkpoint, PublicKey key) {
    try {
      var verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key);
      verifier.update(checkpoint.payload());
      return verifier.verify(checkpoint.signatureBytes());
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  private static byte[] der(Path pem, String type) {
    String text;
    try {
      text = Files.readString(pem, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read key file " + pem, e);
    }
    var begin = "-----BEGIN " + type + "-----";
    var end = "-----END " + type + "-----";
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalArgumentException(pem + " holds no " + type + " PEM block");
    }
    return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
  }
}

package org.mdmaat.session.accountability;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/** A kit as a site's pharmacy received it: its content and mg HCl (nominal for placebo). */
@Entity
@Table(name = "kit")
public class Kit extends PanacheEntityBase {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Id public UUID id;

  @Column(name = "site_code")
  public String siteCode;

  @Column(name = "kit_code")
  public String kitCode;

  @Enumerated(EnumType.STRING)
  public KitContent content;

  @Column(name = "mg_hcl")
  public BigDecimal mgHcl;

  /** Random, never shown outside the pharmacy: makes {@link #contentCommitment()} hiding. */
  @Column(name = "content_salt")
  public String contentSalt;

  @Column(name = "received_seq")
  public Long receivedSeq;

  @Column(name = "received_by")
  public String receivedBy;

  @Column(name = "received_at")
  public Instant receivedAt;

  static String newSalt() {
    var bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /**
   * SHA-256 of salt, kit and content, for the audit trail: it discloses nothing while the trial is
   * blinded, and after unblinding proves the content recorded on receipt was never changed.
   */
  String contentCommitment() {
    try {
      var digest = MessageDigest.getInstance("SHA-256");
      var text = contentSalt + "|" + siteCode + "|" + kitCode + "|" + content.name();
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }
}

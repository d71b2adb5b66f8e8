package org.mdmaat.session.accountability;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.mdmaat.platform.signature.ElectronicSignature;

/**
 * A witness's electronic signature on a destruction (21 CFR 11.50, 11.70): who signed (token
 * subject and username), their name from the identity provider, meaning, when they signed and last
 * logged in, the statement they attest and the hash of the record signed.
 */
@Entity
@Table(name = "destruction_signature")
public class DestructionSignature extends PanacheEntityBase {
  @Id public UUID id;

  @Column(name = "destruction_id")
  public UUID destructionId;

  /** The signer's username (token). */
  public String witness;

  /** The username compared case-insensitively: one signature per person and destruction. */
  @Column(name = "witness_key")
  public String witnessKey;

  @Column(name = "witness_roles")
  public String witnessRoles;

  /** The signer's stable id ({@code sub}); null on signatures older than V7. */
  @Column(name = "signer_id")
  public String signerId;

  /** The signer's name from the identity provider; null on signatures older than V7. */
  @Column(name = "signer_name")
  public String signerName;

  /**
   * The platform's meaning; text, because signatures older than V7 carry {@code
   * WITNESSED_DESTRUCTION}, which the platform does not know.
   */
  public String meaning;

  public String statement;

  @Column(name = "signed_at")
  public Instant signedAt;

  @Column(name = "authenticated_at")
  public Instant authenticatedAt;

  @Column(name = "content_hash")
  public String contentHash;

  /** Typed name of signatures older than V7, kept as recorded; null from V7 on. */
  @Column(name = "printed_name")
  public String legacyPrintedName;

  /** Digest of signatures older than V7, kept as recorded; null from V7 on. */
  @Column(name = "record_digest")
  public String legacyRecordDigest;

  static DestructionSignature of(
      KitDestruction d, ElectronicSignature signature, String roles, String statement) {
    var s = new DestructionSignature();
    s.id = UUID.randomUUID();
    s.destructionId = d.id;
    s.witness = signature.signerUsername();
    s.witnessKey = DestructionService.key(signature.signerUsername());
    s.witnessRoles = roles;
    s.signerId = signature.signerId();
    s.signerName = signature.signerName();
    s.meaning = signature.meaning().name();
    s.statement = statement;
    s.signedAt = signature.signedAt();
    s.authenticatedAt = signature.authenticatedAt();
    s.contentHash = signature.contentHash();
    return s;
  }
}

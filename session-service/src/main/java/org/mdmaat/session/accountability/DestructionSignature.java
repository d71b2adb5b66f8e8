package org.mdmaat.session.accountability;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A witness's signature on a destruction (21 CFR 11.50): the witness's identity from their own
 * token, printed name (matching that identity's name), meaning, time and the record's digest.
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

  @Column(name = "printed_name")
  public String printedName;

  @Enumerated(EnumType.STRING)
  public SignatureMeaning meaning;

  public String statement;

  @Column(name = "record_digest")
  public String recordDigest;

  @Column(name = "signed_at")
  public Instant signedAt;
}

package org.mdmaat.platform.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/**
 * One link of the access log's hash chain: who read what, when and why. Written once, never updated
 * (the table refuses UPDATE and DELETE); a chain of its own, apart from the change audit.
 *
 * <p>The hash is encoded as {@link AuditEntry}'s (each field a 4-byte big-endian length and its
 * UTF-8 bytes, -1 for null), after the prefix {@code mdmaat-access-v1}: id, occurredAt (UTC, {@code
 * uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'}), actor, actorId, actorRoles, resourceKind, resource, reason,
 * correlationId, prevHash.
 */
@Entity
@Immutable
@Table(name = "access_log_entry")
public class AccessLogEntry implements ChainLink {
  static final String FORMAT_VERSION = "mdmaat-access-v1";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  @Column(name = "seq", updatable = false)
  private Long seq;

  @Column(name = "id", nullable = false, updatable = false)
  private UUID id;

  @Column(name = "occurred_at", nullable = false, updatable = false)
  private Instant occurredAt;

  @Column(name = "actor", nullable = false, updatable = false)
  private String actor;

  @Column(name = "actor_id", nullable = false, updatable = false)
  private String actorId;

  @Column(name = "actor_roles", nullable = false, updatable = false)
  private String actorRoles;

  @Column(name = "resource_kind", nullable = false, updatable = false)
  private String resourceKind;

  @Column(name = "resource", nullable = false, updatable = false)
  private String resource;

  @Column(name = "reason", updatable = false)
  private String reason;

  @Column(name = "correlation_id", updatable = false)
  private String correlationId;

  @Column(name = "prev_hash", nullable = false, updatable = false)
  private String prevHash;

  @Column(name = "hash", nullable = false, updatable = false)
  private String hash;

  protected AccessLogEntry() {}

  /** A new entry, not yet linked; {@code occurredAt} is kept to microseconds, as stored. */
  public AccessLogEntry(
      UUID id,
      Instant occurredAt,
      String actor,
      String actorId,
      String actorRoles,
      String resourceKind,
      String resource,
      String reason,
      String correlationId) {
    this.id = Objects.requireNonNull(id, "id");
    this.occurredAt =
        Objects.requireNonNull(occurredAt, "occurredAt").truncatedTo(ChronoUnit.MICROS);
    this.actor = Objects.requireNonNull(actor, "actor");
    this.actorId = Objects.requireNonNull(actorId, "actorId");
    this.actorRoles = Objects.requireNonNull(actorRoles, "actorRoles");
    this.resourceKind = Objects.requireNonNull(resourceKind, "resourceKind");
    this.resource = Objects.requireNonNull(resource, "resource");
    this.reason = reason;
    this.correlationId = correlationId;
  }

  /** Links this entry after the entry whose hash is {@code previousHash}, and seals it. */
  void link(String previousHash) {
    this.prevHash = Objects.requireNonNull(previousHash, "previousHash");
    this.hash = computeHash();
  }

  /** SHA-256 (lower-case hex) of this entry's contents and prevHash, as described above. */
  @Override
  public String computeHash() {
    var bytes = new ByteArrayOutputStream(256);
    AuditEntry.write(bytes, FORMAT_VERSION);
    AuditEntry.write(bytes, id == null ? null : id.toString());
    AuditEntry.write(bytes, occurredAt == null ? null : AuditEntry.TIME.format(occurredAt));
    AuditEntry.write(bytes, actor);
    AuditEntry.write(bytes, actorId);
    AuditEntry.write(bytes, actorRoles);
    AuditEntry.write(bytes, resourceKind);
    AuditEntry.write(bytes, resource);
    AuditEntry.write(bytes, reason);
    AuditEntry.write(bytes, correlationId);
    AuditEntry.write(bytes, prevHash);
    return HexFormat.of().formatHex(AuditEntry.sha256().digest(bytes.toByteArray()));
  }

  @Override
  public Long getSeq() {
    return seq;
  }

  public UUID getId() {
    return id;
  }

  public Instant getOccurredAt() {
    return occurredAt;
  }

  /** The reader's username ({@code preferred_username}), as in the audit trail. */
  public String getActor() {
    return actor;
  }

  /** The reader's stable id at the identity provider ({@code sub}). */
  public String getActorId() {
    return actorId;
  }

  /** The reader's roles, sorted and comma-separated. */
  public String getActorRoles() {
    return actorRoles;
  }

  /** What kind of thing was read, e.g. {@code audit-trail} or {@code participant}. */
  public String getResourceKind() {
    return resourceKind;
  }

  /** Which: an id (a participant code) or the query (the filter of a list or export). */
  public String getResource() {
    return resource;
  }

  /** Why, as the reader gave it ({@code X-Access-Reason}); null when not given. */
  public String getReason() {
    return reason;
  }

  public String getCorrelationId() {
    return correlationId;
  }

  @Override
  public String getPrevHash() {
    return prevHash;
  }

  @Override
  public String getHash() {
    return hash;
  }
}

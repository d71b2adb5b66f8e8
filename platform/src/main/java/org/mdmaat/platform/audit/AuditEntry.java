package org.mdmaat.platform.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;
import org.hibernate.annotations.Immutable;

/**
 * One link of the audit hash chain: a state change, who made it and why, and the SHA-256 of all
 * that plus the previous entry's hash. Written once, never updated (the table refuses UPDATE and
 * DELETE).
 *
 * <p>The hash covers, in this order, each encoded as a 4-byte big-endian length followed by its
 * UTF-8 bytes (length -1 and no bytes for null), after the 4-byte-length-prefixed prefix {@code
 * mdmaat-audit-v1}: id, occurredAt (UTC, {@code uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'}), actor,
 * actorRoles, entityType, entityId, action, beforeState, afterState, reason, trialId,
 * participantCode, correlationId, prevHash. Lengths make the encoding unambiguous, and every input
 * is a stored column, so anyone can recompute the chain from the table alone.
 *
 * <p>{@code traceId} (the W3C trace id of the span that wrote the entry) is stored but deliberately
 * not hashed: it links the entry to telemetry, it is not a fact of the change (the hashed
 * correlationId names the request), and leaving the format unchanged keeps every entry written
 * before the column existed, and every external verifier, verifying as before.
 */
@Entity
@Immutable
@Table(name = "audit_entry")
public class AuditEntry implements ChainLink {
  /** The previous hash of the first entry. */
  public static final String GENESIS = "0".repeat(64);

  static final String FORMAT_VERSION = "mdmaat-audit-v1";
  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

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

  @Column(name = "actor_roles", nullable = false, updatable = false)
  private String actorRoles;

  @Column(name = "entity_type", nullable = false, updatable = false)
  private String entityType;

  @Column(name = "entity_id", nullable = false, updatable = false)
  private String entityId;

  @Column(name = "action", nullable = false, updatable = false)
  private String action;

  @Column(name = "before_state", updatable = false)
  private String beforeState;

  @Column(name = "after_state", updatable = false)
  private String afterState;

  @Column(name = "reason", updatable = false)
  private String reason;

  @Column(name = "trial_id", updatable = false)
  private String trialId;

  @Column(name = "participant_code", updatable = false)
  private String participantCode;

  @Column(name = "correlation_id", updatable = false)
  private String correlationId;

  @Column(name = "trace_id", updatable = false)
  private String traceId;

  @Column(name = "prev_hash", nullable = false, updatable = false)
  private String prevHash;

  @Column(name = "hash", nullable = false, updatable = false)
  private String hash;

  protected AuditEntry() {}

  /** A new entry, not yet linked into the chain; {@code occurredAt} is kept to microseconds. */
  public AuditEntry(
      UUID id,
      Instant occurredAt,
      String actor,
      String actorRoles,
      String entityType,
      String entityId,
      String action,
      String beforeState,
      String afterState,
      String reason,
      String trialId,
      String participantCode,
      String correlationId) {
    this(
        id,
        occurredAt,
        actor,
        actorRoles,
        entityType,
        entityId,
        action,
        beforeState,
        afterState,
        reason,
        trialId,
        participantCode,
        correlationId,
        null);
  }

  /** A new entry with the trace id of the span that writes it (not hashed, see above). */
  public AuditEntry(
      UUID id,
      Instant occurredAt,
      String actor,
      String actorRoles,
      String entityType,
      String entityId,
      String action,
      String beforeState,
      String afterState,
      String reason,
      String trialId,
      String participantCode,
      String correlationId,
      String traceId) {
    this.id = Objects.requireNonNull(id, "id");
    // PostgreSQL keeps microseconds: hash what will be stored, so a re-read entry hashes the same.
    this.occurredAt =
        Objects.requireNonNull(occurredAt, "occurredAt").truncatedTo(ChronoUnit.MICROS);
    this.actor = Objects.requireNonNull(actor, "actor");
    this.actorRoles = Objects.requireNonNull(actorRoles, "actorRoles");
    this.entityType = Objects.requireNonNull(entityType, "entityType");
    this.entityId = Objects.requireNonNull(entityId, "entityId");
    this.action = Objects.requireNonNull(action, "action");
    this.beforeState = beforeState;
    this.afterState = afterState;
    this.reason = reason;
    this.trialId = trialId;
    this.participantCode = participantCode;
    this.correlationId = correlationId;
    this.traceId = traceId;
  }

  /** An entry exactly as stored, e.g. to verify rows read by other means. */
  public static AuditEntry stored(
      long seq,
      UUID id,
      Instant occurredAt,
      String actor,
      String actorRoles,
      String entityType,
      String entityId,
      String action,
      String beforeState,
      String afterState,
      String reason,
      String trialId,
      String participantCode,
      String correlationId,
      String prevHash,
      String hash) {
    var entry = new AuditEntry();
    entry.seq = seq;
    entry.id = id;
    entry.occurredAt = occurredAt;
    entry.actor = actor;
    entry.actorRoles = actorRoles;
    entry.entityType = entityType;
    entry.entityId = entityId;
    entry.action = action;
    entry.beforeState = beforeState;
    entry.afterState = afterState;
    entry.reason = reason;
    entry.trialId = trialId;
    entry.participantCode = participantCode;
    entry.correlationId = correlationId;
    entry.prevHash = prevHash;
    entry.hash = hash;
    return entry;
  }

  /** Links this entry after the entry whose hash is {@code previousHash}, and seals it. */
  void link(String previousHash) {
    this.prevHash = Objects.requireNonNull(previousHash, "previousHash");
    this.hash = computeHash();
  }

  /** SHA-256 (lower-case hex) of this entry's contents and prevHash, as described above. */
  @Override
  public String computeHash() {
    var bytes = new ByteArrayOutputStream(512);
    write(bytes, FORMAT_VERSION);
    write(bytes, id == null ? null : id.toString());
    write(bytes, occurredAt == null ? null : TIME.format(occurredAt));
    write(bytes, actor);
    write(bytes, actorRoles);
    write(bytes, entityType);
    write(bytes, entityId);
    write(bytes, action);
    write(bytes, beforeState);
    write(bytes, afterState);
    write(bytes, reason);
    write(bytes, trialId);
    write(bytes, participantCode);
    write(bytes, correlationId);
    write(bytes, prevHash);
    return HexFormat.of().formatHex(sha256().digest(bytes.toByteArray()));
  }

  static void write(ByteArrayOutputStream out, String value) {
    if (value == null) {
      writeLength(out, -1);
      return;
    }
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    writeLength(out, utf8.length);
    out.writeBytes(utf8);
  }

  private static void writeLength(ByteArrayOutputStream out, int length) {
    out.write(length >>> 24);
    out.write(length >>> 16);
    out.write(length >>> 8);
    out.write(length);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
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

  /** The subject who made the change, or {@code system:<service>}. */
  public String getActor() {
    return actor;
  }

  /** The actor's roles, sorted and comma-separated. */
  public String getActorRoles() {
    return actorRoles;
  }

  public String getEntityType() {
    return entityType;
  }

  public String getEntityId() {
    return entityId;
  }

  public String getAction() {
    return action;
  }

  /** The state before, as JSON text with sorted keys; null for a creation. */
  public String getBeforeState() {
    return beforeState;
  }

  /** The state after, as JSON text with sorted keys; null for a deletion. */
  public String getAfterState() {
    return afterState;
  }

  public String getReason() {
    return reason;
  }

  public String getTrialId() {
    return trialId;
  }

  public String getParticipantCode() {
    return participantCode;
  }

  public String getCorrelationId() {
    return correlationId;
  }

  /** The W3C trace id (32 hex digits) of the span that wrote the entry; null without one. */
  public String getTraceId() {
    return traceId;
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

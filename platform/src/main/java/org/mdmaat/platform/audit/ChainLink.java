package org.mdmaat.platform.audit;

/**
 * One link of a hash chain that {@link ChainVerifier} can check: the change audit ({@link
 * AuditEntry}) or the access log ({@link AccessLogEntry}).
 */
public interface ChainLink {
  /** Position in the chain; increasing, with gaps where a transaction rolled back. */
  Long getSeq();

  /** The hash of the entry before, {@link AuditEntry#GENESIS} for the first. */
  String getPrevHash();

  /** The stored hash. */
  String getHash();

  /** The hash recomputed from the stored contents and prevHash. */
  String computeHash();
}

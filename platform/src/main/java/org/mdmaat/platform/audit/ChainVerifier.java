package org.mdmaat.platform.audit;

import java.util.Collection;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Walks an audit chain entry by entry, in seq order, and stops at the first entry that fails: its
 * stored hash must equal the hash recomputed from its contents (else the entry was altered), and
 * its prevHash must equal the hash of the entry before it (else an entry was removed, inserted or
 * re-hashed). Holds only the last hash and the checkpoints, so any number of entries can be fed in
 * batches.
 *
 * <p>With signed checkpoints (already checked for their signatures), each checkpointed entry must
 * still be there with the signed hash: that shows a chain rewritten and re-hashed forward, and the
 * newest entries removed, up to the newest checkpoint. Without them, removing the newest entries
 * cannot be detected from the chain alone.
 */
public final class ChainVerifier {
  private final NavigableMap<Long, Checkpoint> checkpoints = new TreeMap<>();
  private String expectedPrevHash = AuditEntry.GENESIS;
  private Long previousSeq;
  private long lastMatchedCheckpoint;
  private long checked;
  private ChainVerification broken;

  public ChainVerifier() {}

  /**
   * Also checks the chain against {@code trusted} checkpoints (signatures verified by the caller).
   */
  public ChainVerifier(Collection<Checkpoint> trusted) {
    for (var checkpoint : trusted) {
      if (checkpoint.headSeq() > 0) {
        checkpoints.merge(
            checkpoint.headSeq(),
            checkpoint,
            (a, b) -> a.signedAt().isBefore(b.signedAt()) ? a : b);
      }
    }
  }

  /** Checks the next entry; returns false when the chain is (now or already) broken. */
  public boolean accept(ChainLink entry) {
    if (broken != null) {
      return false;
    }
    checked++;
    var skipped =
        checkpoints.subMap(previousSeq == null ? 0 : previousSeq, false, entry.getSeq(), false);
    if (!skipped.isEmpty()) {
      return gone(skipped.firstEntry().getValue());
    }
    if (entry.getHash() == null || !entry.getHash().equals(entry.computeHash())) {
      return fail(
          entry.getSeq(),
          "entry "
              + entry.getSeq()
              + " does not match its hash: it was altered after it was written");
    }
    if (!expectedPrevHash.equals(entry.getPrevHash())) {
      return fail(
          entry.getSeq(),
          "entry "
              + entry.getSeq()
              + " does not link to "
              + (previousSeq == null ? "the start of the chain" : "entry " + previousSeq)
              + ": an entry before it was removed, inserted or altered");
    }
    var checkpoint = checkpoints.get(entry.getSeq());
    if (checkpoint != null) {
      if (!checkpoint.headHash().equals(entry.getHash())) {
        return fail(
            entry.getSeq(),
            "entry "
                + entry.getSeq()
                + " no longer has the hash signed by the checkpoint of "
                + checkpoint.signedAt()
                + ": entries after "
                + (lastMatchedCheckpoint == 0
                    ? "the start of the chain"
                    : "entry " + lastMatchedCheckpoint)
                + " up to it were rewritten and re-hashed");
      }
      lastMatchedCheckpoint = entry.getSeq();
    }
    expectedPrevHash = entry.getHash();
    previousSeq = entry.getSeq();
    return true;
  }

  public boolean intact() {
    return broken == null;
  }

  /** The result once every entry was fed: a checkpointed entry past the last one is gone. */
  public ChainVerification result() {
    if (broken == null && !checkpoints.isEmpty()) {
      var after = checkpoints.tailMap(previousSeq == null ? 0 : previousSeq, false);
      if (!after.isEmpty()) {
        gone(after.firstEntry().getValue());
      }
    }
    if (broken != null) {
      return broken;
    }
    return new ChainVerification(
        true,
        checked,
        null,
        null,
        checkpoints.size(),
        checkpoints.isEmpty() ? null : checkpoints.lastKey());
  }

  private boolean gone(Checkpoint checkpoint) {
    return fail(
        checkpoint.headSeq(),
        "entry "
            + checkpoint.headSeq()
            + ", signed by the checkpoint of "
            + checkpoint.signedAt()
            + ", is gone: entries after "
            + (previousSeq == null ? "the start of the chain" : "entry " + previousSeq)
            + " were removed");
  }

  private boolean fail(long seq, String problem) {
    broken =
        new ChainVerification(
            false,
            checked,
            seq,
            problem,
            checkpoints.size(),
            checkpoints.isEmpty() ? null : checkpoints.lastKey());
    return false;
  }
}

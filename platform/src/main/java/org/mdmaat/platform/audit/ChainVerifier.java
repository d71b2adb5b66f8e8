package org.mdmaat.platform.audit;

/**
 * Walks an audit chain entry by entry, in seq order, and stops at the first entry that fails: its
 * stored hash must equal the hash recomputed from its contents (else the entry was altered), and
 * its prevHash must equal the hash of the entry before it (else an entry was removed, inserted or
 * re-hashed). Holds only the last hash, so any number of entries can be fed in batches.
 *
 * <p>Removing the newest entries cannot be detected from the chain alone; compare the last hash
 * with one kept elsewhere (e.g. by the regulator) for that.
 */
public final class ChainVerifier {
  private String expectedPrevHash = AuditEntry.GENESIS;
  private Long previousSeq;
  private long checked;
  private ChainVerification broken;

  /** Checks the next entry; returns false when the chain is (now or already) broken. */
  public boolean accept(AuditEntry entry) {
    if (broken != null) {
      return false;
    }
    checked++;
    if (entry.getHash() == null || !entry.getHash().equals(entry.computeHash())) {
      broken =
          new ChainVerification(
              false,
              checked,
              entry.getSeq(),
              "entry "
                  + entry.getSeq()
                  + " does not match its hash: it was altered after it was written");
      return false;
    }
    if (!expectedPrevHash.equals(entry.getPrevHash())) {
      broken =
          new ChainVerification(
              false,
              checked,
              entry.getSeq(),
              "entry "
                  + entry.getSeq()
                  + " does not link to "
                  + (previousSeq == null ? "the start of the chain" : "entry " + previousSeq)
                  + ": an entry before it was removed, inserted or altered");
      return false;
    }
    expectedPrevHash = entry.getHash();
    previousSeq = entry.getSeq();
    return true;
  }

  public boolean intact() {
    return broken == null;
  }

  public ChainVerification result() {
    return broken != null ? broken : new ChainVerification(true, checked, null, null);
  }
}

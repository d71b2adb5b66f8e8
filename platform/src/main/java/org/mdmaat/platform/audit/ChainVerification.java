package org.mdmaat.platform.audit;

/**
 * The result of walking an audit chain.
 *
 * @param intact whether every entry's hash matches its contents and links to the entry before, and
 *     every signed checkpoint is valid and still matches the chain
 * @param entriesChecked how many entries were checked (up to and including the first broken one)
 * @param firstBrokenSeq the seq of the first entry that fails, or null when intact: an altered
 *     entry fails its own hash; a removed entry makes the next one fail its link; a chain rewritten
 *     and re-hashed, or cut back, fails at the first checkpointed entry that no longer matches its
 *     checkpoint or is gone
 * @param problem what is wrong with that entry, or null when intact
 * @param checkpointsChecked how many signed checkpoints the chain was checked against
 * @param newestCheckpointSeq the entry the newest checkpoint signed (entries after it are covered
 *     by the next one), or null when there is none
 */
public record ChainVerification(
    boolean intact,
    long entriesChecked,
    Long firstBrokenSeq,
    String problem,
    int checkpointsChecked,
    Long newestCheckpointSeq) {

  /** Without checkpoints. */
  public ChainVerification(
      boolean intact, long entriesChecked, Long firstBrokenSeq, String problem) {
    this(intact, entriesChecked, firstBrokenSeq, problem, 0, null);
  }
}

package org.mdmaat.platform.audit;

import com.fasterxml.jackson.annotation.JsonInclude;

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
 * @param accessLog the access log's own verification (its seqs are its own), when it was checked
 *     too ({@code GET /audit/verify}); a broken access log makes the whole answer not intact
 */
public record ChainVerification(
    boolean intact,
    long entriesChecked,
    Long firstBrokenSeq,
    String problem,
    int checkpointsChecked,
    Long newestCheckpointSeq,
    @JsonInclude(JsonInclude.Include.NON_NULL) ChainVerification accessLog) {

  /** One chain's verification. */
  public ChainVerification(
      boolean intact,
      long entriesChecked,
      Long firstBrokenSeq,
      String problem,
      int checkpointsChecked,
      Long newestCheckpointSeq) {
    this(
        intact,
        entriesChecked,
        firstBrokenSeq,
        problem,
        checkpointsChecked,
        newestCheckpointSeq,
        null);
  }

  /** Without checkpoints. */
  public ChainVerification(
      boolean intact, long entriesChecked, Long firstBrokenSeq, String problem) {
    this(intact, entriesChecked, firstBrokenSeq, problem, 0, null);
  }

  /**
   * This audit chain's verification with the access log's beside it: not intact when either is
   * broken; {@code firstBrokenSeq} stays the audit chain's, the problem names the access log.
   */
  public ChainVerification withAccessLog(ChainVerification access) {
    boolean bothIntact = intact && access.intact();
    String why = problem;
    if (why == null && !access.intact()) {
      why =
          "the access log is broken at its entry "
              + access.firstBrokenSeq()
              + ": "
              + access.problem();
    }
    return new ChainVerification(
        bothIntact,
        entriesChecked,
        firstBrokenSeq,
        why,
        checkpointsChecked,
        newestCheckpointSeq,
        access);
  }
}

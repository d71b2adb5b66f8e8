package org.mdmaat.platform.audit;

/**
 * The result of walking an audit chain.
 *
 * @param intact whether every entry's hash matches its contents and links to the entry before
 * @param entriesChecked how many entries were checked (up to and including the first broken one)
 * @param firstBrokenSeq the seq of the first entry that fails, or null when intact: an altered
 *     entry fails its own hash; a removed entry makes the next one fail its link
 * @param problem what is wrong with that entry, or null when intact
 */
public record ChainVerification(
    boolean intact, long entriesChecked, Long firstBrokenSeq, String problem) {}

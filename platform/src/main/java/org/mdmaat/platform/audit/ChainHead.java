package org.mdmaat.platform.audit;

/**
 * The newest entry of an audit chain. A regulator who keeps it can later ask verification to
 * confirm that entry is still there unchanged, which catches the one edit the chain alone cannot
 * show: removing the newest entries.
 *
 * @param seq the newest entry's seq, 0 when the chain is empty
 * @param hash its hash (the genesis hash when empty)
 */
public record ChainHead(long seq, String hash) {}

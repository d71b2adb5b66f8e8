package org.mdmaat.contracts.events;

import java.time.Instant;

/**
 * The whole trial was unblinded by two people: one requested it, a second in an unblinded role
 * approved it, both signing. Arm-level results may now be shown to the sponsor and regulators.
 *
 * @param unblindedBy the approver's username
 * @param requestedBy the requester's username
 * @param grounds {@code DATA_LOCK} (after database lock) or {@code DSMB_EARLY_STOP}
 */
public record TrialUnblinded(
    String trialId,
    String unblindedBy,
    String reason,
    Instant unblindedAt,
    String requestedBy,
    String grounds) {}

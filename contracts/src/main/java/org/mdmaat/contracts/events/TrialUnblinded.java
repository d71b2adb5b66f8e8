package org.mdmaat.contracts.events;

import java.time.Instant;

/** The whole trial was unblinded; arm-level statistics may now be shown to regulators. */
public record TrialUnblinded(
    String trialId, String unblindedBy, String reason, Instant unblindedAt) {}

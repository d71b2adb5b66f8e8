package org.mdmaat.contracts.events;

import java.time.Instant;

/** A stopping rule fired: recruitment-service suspends the trial. */
public record TrialEnrollmentPaused(String trialId, String rule, String reason, Instant pausedAt) {}

package org.mdmaat.contracts.events;

import java.time.Instant;

/**
 * outcomes-service unlocked the trial's outcome data, with a signed reason. A whole-trial
 * unblinding on the grounds of the lock is no longer allowed.
 */
public record TrialDataUnlocked(
    String trialId, String unlockedBy, String reason, Instant unlockedAt) {}

package org.mdmaat.contracts.events;

import java.time.Instant;

/**
 * outcomes-service locked the trial's outcome data (database lock): no assessment, correction or
 * allocation guess is accepted until it is unlocked. A whole-trial unblinding needs it.
 *
 * @param lockedBy the username of the signer
 */
public record TrialDataLocked(String trialId, String lockedBy, String reason, Instant lockedAt) {}

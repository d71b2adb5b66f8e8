package org.mdmaat.contracts.events;

import java.time.Instant;

/** A participant left the trial; their future sessions are cancelled. */
public record ParticipantWithdrawn(
    String participantCode, String trialId, String siteCode, String reason, Instant withdrawnAt) {}

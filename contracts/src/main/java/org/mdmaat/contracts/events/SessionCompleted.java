package org.mdmaat.contracts.events;

import java.time.Instant;

/** A session ended; for an experimental session this starts the 7 daily follow-up contacts. */
public record SessionCompleted(
    String sessionId,
    String participantCode,
    String trialId,
    String siteCode,
    String kind,
    int number,
    Instant completedAt) {}

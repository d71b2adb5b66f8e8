package org.mdmaat.contracts.events;

import java.time.Instant;
import java.time.LocalDate;

/** A protocol session was placed in a participant's schedule. */
public record SessionScheduled(
    String sessionId,
    String participantCode,
    String trialId,
    String siteCode,
    String kind,
    int number,
    LocalDate targetDate,
    LocalDate windowStart,
    LocalDate windowEnd,
    Instant scheduledAt) {}

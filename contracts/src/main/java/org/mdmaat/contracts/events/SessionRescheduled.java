package org.mdmaat.contracts.events;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A session's target date and window moved, e.g. re-anchored to the day its experimental session
 * was actually dosed. The dates are the site's local calendar days.
 */
public record SessionRescheduled(
    String sessionId,
    String participantCode,
    String trialId,
    String siteCode,
    String kind,
    int number,
    LocalDate targetDate,
    LocalDate windowStart,
    LocalDate windowEnd,
    String reason,
    Instant rescheduledAt) {}

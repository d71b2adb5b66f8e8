package org.mdmaat.contracts.events;

import java.time.Instant;
import java.time.LocalDate;

/** A serious adverse event was reported; carries the expedited-report deadline if one applies. */
public record SeriousAdverseEventReported(
    String adverseEventId,
    String participantCode,
    String trialId,
    String siteCode,
    String term,
    int grade,
    boolean unexpected,
    boolean related,
    LocalDate expeditedReportDue,
    Instant reportedAt) {}

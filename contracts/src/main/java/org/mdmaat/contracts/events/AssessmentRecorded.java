package org.mdmaat.contracts.events;

import java.math.BigDecimal;
import java.time.Instant;

/** An instrument was administered and scored at a protocol timepoint. */
public record AssessmentRecorded(
    String assessmentId,
    String participantCode,
    String trialId,
    String siteCode,
    String instrument,
    String timepoint,
    BigDecimal total,
    Instant recordedAt) {}

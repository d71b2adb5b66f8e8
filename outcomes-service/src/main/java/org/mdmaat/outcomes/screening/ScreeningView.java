package org.mdmaat.outcomes.screening;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A screening CAPS-5 as site staff see it, scored. */
public record ScreeningView(
    UUID id,
    String participantCode,
    String trialId,
    String siteCode,
    String instrument,
    Map<String, Integer> responses,
    int total,
    Map<String, Boolean> flags,
    boolean ptsdDiagnosis,
    Instant administeredAt,
    String recordedBy,
    Instant recordedAt) {}

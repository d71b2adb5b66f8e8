package org.mdmaat.contracts.events;

import java.time.Instant;

/** Something departed from the protocol (e.g. a session booked outside its window). */
public record ProtocolDeviationRecorded(
    String deviationId,
    String participantCode,
    String trialId,
    String siteCode,
    String category,
    String reason,
    Instant recordedAt) {}

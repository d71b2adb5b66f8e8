package org.mdmaat.contracts.events;

import java.time.Instant;

/** No further dose may be given to the participant until the hold is lifted. */
public record DosingHoldPlaced(
    String holdId,
    String participantCode,
    String trialId,
    String siteCode,
    String cause,
    String reason,
    Instant placedAt) {}

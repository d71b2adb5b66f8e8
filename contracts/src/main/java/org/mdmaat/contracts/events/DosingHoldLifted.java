package org.mdmaat.contracts.events;

import java.time.Instant;

/** An investigator lifted a hold, with a reason and an electronic signature. */
public record DosingHoldLifted(
    String holdId,
    String participantCode,
    String trialId,
    String siteCode,
    String liftedBy,
    String reason,
    Instant liftedAt) {}

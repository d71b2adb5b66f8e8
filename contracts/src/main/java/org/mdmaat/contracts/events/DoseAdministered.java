package org.mdmaat.contracts.events;

import java.math.BigDecimal;
import java.time.Instant;

/** A dose was given. Salt and base weights are both kept; the kit code stands in for the arm. */
public record DoseAdministered(
    String doseId,
    String sessionId,
    String participantCode,
    String trialId,
    String siteCode,
    String kitCode,
    boolean supplemental,
    BigDecimal mgHcl,
    BigDecimal mgBase,
    Instant administeredAt) {}

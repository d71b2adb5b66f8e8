package org.mdmaat.contracts.events;

import java.time.Instant;

/**
 * A participant was allocated. Carries the concealed kit code and stratum, never the arm: this
 * topic is read by blinded services.
 */
public record ParticipantRandomized(
    String participantCode,
    String trialId,
    String siteCode,
    String stratum,
    String kitCode,
    boolean dissociativeSubtype,
    boolean veteran,
    Instant randomizedAt) {}

package org.mdmaat.contracts.events;

import java.time.Instant;

/**
 * An investigator broke the blind of one participant for a medical reason (signed). Tells the
 * sponsor's medical monitor and the DSMB; carries nothing of the arm. outcomes-service flags the
 * participant's later allocation guesses and leaves them out of the blinding indices.
 */
public record ParticipantEmergencyUnblinded(
    String participantCode,
    String trialId,
    String siteCode,
    String unblindedBy,
    String reason,
    Instant unblindedAt) {}

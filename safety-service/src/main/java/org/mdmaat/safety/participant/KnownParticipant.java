package org.mdmaat.safety.participant;

/** A participant's trial and site as recruitment-service knows them. */
public record KnownParticipant(String participantCode, String trialId, String siteCode) {}

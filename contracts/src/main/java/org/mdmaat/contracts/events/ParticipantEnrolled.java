package org.mdmaat.contracts.events;

import java.time.Instant;

/** A consented candidate became an enrolled participant at a site. */
public record ParticipantEnrolled(
    String participantCode, String trialId, String siteCode, Instant enrolledAt) {}

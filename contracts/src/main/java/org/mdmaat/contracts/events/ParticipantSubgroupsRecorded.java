package org.mdmaat.contracts.events;

import java.time.Instant;

/**
 * A participant's four subgroup facts as recruitment-service now records them: announced at
 * enrollment and after every correction, so that outcomes-service can analyse each subgroup. {@code
 * revision} grows with every change of the participant's record: a consumer applies an announcement
 * only if its revision is higher than the last one it applied, so a late, older one never
 * overwrites a newer one.
 *
 * @param reason why the facts were corrected; null for the announcement at enrollment
 */
public record ParticipantSubgroupsRecorded(
    String participantCode,
    String trialId,
    String siteCode,
    boolean dissociativeSubtype,
    boolean veteran,
    boolean combatExposure,
    boolean traumaticBrainInjury,
    long revision,
    String reason,
    Instant recordedAt) {}

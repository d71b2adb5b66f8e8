package org.mdmaat.session.dosing;

import java.util.List;

/**
 * Whether a participant may be dosed now, and every reason they may not.
 *
 * @param knownHolds holds this service learnt of through events
 * @param vitalsLevel the participant's current vitals level as safety-service answered it (a
 *     supplemental dose needs VITALS_IN_RANGE, or an investigator's confirmation at VITALS_WARN)
 * @param vitalsFindings one line per vital out of range
 */
public record Clearance(
    String participantCode,
    boolean cleared,
    List<String> reasons,
    List<String> knownHolds,
    String vitalsLevel,
    List<String> vitalsFindings) {}

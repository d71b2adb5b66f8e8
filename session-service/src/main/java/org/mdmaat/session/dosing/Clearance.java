package org.mdmaat.session.dosing;

import java.util.List;

/**
 * Whether a participant may be dosed now, and every reason they may not.
 *
 * @param knownHolds holds this service learnt of through events
 */
public record Clearance(
    String participantCode, boolean cleared, List<String> reasons, List<String> knownHolds) {}

package org.mdmaat.safety.monitor;

import java.util.List;
import org.mdmaat.safety.alert.AlertView;
import org.mdmaat.safety.hold.DosingHoldView;
import org.mdmaat.safety.vitals.ThresholdsView;
import org.mdmaat.safety.vitals.VitalSignView;

/**
 * What the dosing-session monitor shows at one moment: the session's readings (oldest first), the
 * limits in force at the participant's site, the participant's alerts (newest first) and holds.
 * Records compare by value, so an unchanged snapshot is not sent again.
 */
public record MonitorSnapshot(
    String participantCode,
    String trialId,
    String siteCode,
    String sessionId,
    List<VitalSignView> readings,
    ThresholdsView limits,
    List<AlertView> alerts,
    List<DosingHoldView> holds) {}

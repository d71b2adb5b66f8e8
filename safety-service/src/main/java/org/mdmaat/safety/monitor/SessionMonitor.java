package org.mdmaat.safety.monitor;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.mdmaat.platform.security.Scope;
import org.mdmaat.safety.alert.AlertService;
import org.mdmaat.safety.hold.DosingHoldService;
import org.mdmaat.safety.participant.KnownParticipant;
import org.mdmaat.safety.participant.ParticipantDirectory;
import org.mdmaat.safety.vitals.VitalLimitsService;
import org.mdmaat.safety.vitals.VitalsService;

/**
 * The live dosing-session monitor: reads what the vitals, alert, hold and limit services already
 * keep (read-only) and sends a new snapshot whenever it changed. It asks again every {@link #EVERY}
 * rather than hooking into the write paths, so a reading, alert or hold however it was written (the
 * REST API, FHIR, the safety gate's pre-dose readings) shows within that time.
 */
@ApplicationScoped
public class SessionMonitor {
  static final Duration EVERY = Duration.ofSeconds(1);
  // An eight-hour session at one reading a minute is 480 readings; a monitor sending every
  // 15 seconds still fits.
  private static final int MAX_READINGS = 2000;
  private static final int MAX_ALERTS = 200;
  private static final int MAX_HOLDS = 200;

  private final ParticipantDirectory directory;
  private final VitalsService vitals;
  private final VitalLimitsService limits;
  private final AlertService alerts;
  private final DosingHoldService holds;

  SessionMonitor(
      ParticipantDirectory directory,
      VitalsService vitals,
      VitalLimitsService limits,
      AlertService alerts,
      DosingHoldService holds) {
    this.directory = directory;
    this.vitals = vitals;
    this.limits = limits;
    this.alerts = alerts;
    this.holds = holds;
  }

  /**
   * The participant, when at one of the caller's sites: another site's (or an unknown) participant
   * is 404 as for the vitals read, recruitment-service unreachable 503.
   */
  public Uni<KnownParticipant> open(String participantCode, Scope scope) {
    return directory.participantAt(participantCode, scope.sites());
  }

  /** One snapshot of a participant's session. */
  public Uni<MonitorSnapshot> snapshot(
      KnownParticipant participant, String sessionId, Scope scope) {
    return read(participant, sessionId, scope);
  }

  /**
   * The first snapshot at once, then each one that differs from the last sent, until the client
   * goes away. Reads run on {@code context} (the request's), where the reactive sessions live.
   */
  public Multi<MonitorSnapshot> updates(
      KnownParticipant participant, String sessionId, Scope scope, Context context) {
    return Multi.createFrom()
        .ticks()
        // Mutiny wants a positive delay; 1 ms is "at once".
        .startingAfter(Duration.ofMillis(1))
        .every(EVERY)
        .onOverflow()
        .drop()
        .emitOn(task -> context.runOnContext(ignored -> task.run()))
        .onItem()
        .transformToUniAndConcatenate(tick -> read(participant, sessionId, scope))
        .skip()
        .repetitions();
  }

  @WithSession
  Uni<MonitorSnapshot> read(KnownParticipant participant, String sessionId, Scope scope) {
    var site = participant.siteCode();
    var code = participant.participantCode();
    return vitals
        .atSite(site, code, sessionId, scope, 0, MAX_READINGS)
        .flatMap(
            readings ->
                limits
                    .inForce(participant.trialId(), site)
                    .flatMap(
                        inForce ->
                            alerts
                                .atSite(site, code, null, scope, 0, MAX_ALERTS)
                                .flatMap(
                                    raised ->
                                        holds
                                            .atSite(site, code, scope, 0, MAX_HOLDS)
                                            .map(
                                                held ->
                                                    new MonitorSnapshot(
                                                        code,
                                                        participant.trialId(),
                                                        site,
                                                        sessionId,
                                                        readings.items(),
                                                        inForce,
                                                        raised.items(),
                                                        held.items())))));
  }
}

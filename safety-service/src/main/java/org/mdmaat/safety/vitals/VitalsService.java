package org.mdmaat.safety.vitals;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.problem.Violation;
import org.mdmaat.safety.Problems;
import org.mdmaat.safety.SafetyConfig;
import org.mdmaat.safety.alert.AlertKind;
import org.mdmaat.safety.alert.AlertService;
import org.mdmaat.safety.alert.AlertView;
import org.mdmaat.safety.alert.SafetyAlert;
import org.mdmaat.safety.hold.DosingHoldService;
import org.mdmaat.safety.hold.HoldCause;
import org.mdmaat.safety.participant.KnownParticipant;
import org.mdmaat.safety.participant.ParticipantDirectory;
import org.mdmaat.safety.trial.TrialAccess;

/**
 * Stores vital signs and turns threshold crossings into alerts, one per episode ({@link
 * AlertEpisodes} finds them). An episode that reaches the critical limit places a dosing hold.
 */
@ApplicationScoped
public class VitalsService {
  // Clocks of bedside devices drift; more than this ahead of the server is an error.
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private final AuditTrail audit;
  private final AlertService alerts;
  private final DosingHoldService holds;
  private final TrialAccess trials;
  private final ParticipantDirectory directory;
  private final SafetyConfig config;

  VitalsService(
      AuditTrail audit,
      AlertService alerts,
      DosingHoldService holds,
      TrialAccess trials,
      ParticipantDirectory directory,
      SafetyConfig config) {
    this.audit = audit;
    this.alerts = alerts;
    this.holds = holds;
    this.trials = trials;
    this.directory = directory;
    this.config = config;
  }

  /** The limits in force for a caller who may see the trial (sponsor: its own; else a site's). */
  public Uni<ThresholdsView> thresholds(
      String trialId, Optional<String> sponsor, Set<String> sites) {
    return trials
        .requireAccess(trialId, sponsor, sites)
        .chain(() -> Panache.withSession(() -> limits(trialId)));
  }

  /** Needs a session: the trial's limits, or the configured defaults. */
  Uni<ThresholdsView> limits(String trialId) {
    return VitalThresholds.<VitalThresholds>findById(trialId)
        .map(
            t ->
                t == null
                    ? ThresholdsView.defaults(trialId, config.vitals())
                    : ThresholdsView.of(t));
  }

  /**
   * Sets a trial's limits: a sponsor those of its own trials, an investigator those of a trial
   * running at one of their sites. recruitment-service is asked before the transaction opens: no
   * database connection waits on a remote call.
   */
  public Uni<ThresholdsView> setThresholds(
      String trialId,
      ThresholdsRequest r,
      Optional<String> sponsor,
      Set<String> sites,
      Actor actor) {
    return trials
        .requireAccess(trialId, sponsor, sites)
        .chain(() -> Panache.withTransaction(() -> storeThresholds(trialId, r, actor)));
  }

  private Uni<ThresholdsView> storeThresholds(String trialId, ThresholdsRequest r, Actor actor) {
    return limits(trialId)
        .flatMap(
            before ->
                VitalThresholds.<VitalThresholds>findById(trialId)
                    .flatMap(
                        existing -> {
                          var t = existing == null ? new VitalThresholds() : existing;
                          t.trialId = trialId;
                          t.systolicWarn = r.systolicWarn();
                          t.systolicCritical = r.systolicCritical();
                          t.diastolicWarn = r.diastolicWarn();
                          t.diastolicCritical = r.diastolicCritical();
                          t.heartRateWarn = r.heartRateWarn();
                          t.heartRateCritical = r.heartRateCritical();
                          t.temperatureWarn = r.temperatureWarn();
                          t.temperatureCritical = r.temperatureCritical();
                          t.spo2Warn = r.spo2Warn();
                          t.spo2Critical = r.spo2Critical();
                          t.updatedBy = actor.subject();
                          t.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                          Uni<VitalThresholds> saved =
                              existing == null ? t.persist() : Uni.createFrom().item(t);
                          return saved.call(
                              () ->
                                  audit.record(
                                      new AuditEvent(
                                          actor,
                                          "VitalThresholds",
                                          trialId,
                                          existing == null ? "CREATE" : "UPDATE",
                                          before,
                                          ThresholdsView.of(t),
                                          r.reason(),
                                          trialId,
                                          null)));
                        }))
        .map(ThresholdsView::of);
  }

  /**
   * Stores readings of one participant's session, raises or closes alert episodes, and holds dosing
   * on a critical one: all in one transaction with one audit entry for the readings.
   */
  public Uni<IngestResult> record(
      String participantCode,
      String sessionId,
      List<VitalReading> input,
      Set<String> sites,
      Actor actor) {
    // The participant's trial and site are asked first, outside the transaction.
    return directory
        .participantAt(participantCode, sites)
        .chain(
            participant -> {
              var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
              var future = new ArrayList<Violation>();
              for (int i = 0; i < input.size(); i++) {
                if (input.get(i).measuredAt().toInstant().isAfter(now.plus(CLOCK_SKEW))) {
                  future.add(new Violation("readings[" + i + "].measuredAt", "lies in the future"));
                }
              }
              if (!future.isEmpty()) {
                throw Problems.VITALS_IN_FUTURE.problem(
                    "Readings cannot be measured in the future", future);
              }
              return Panache.withTransaction(
                  () -> store(participant, sessionId, input, actor, now));
            });
  }

  private Uni<IngestResult> store(
      KnownParticipant participant,
      String sessionId,
      List<VitalReading> input,
      Actor actor,
      Instant now) {
    var readings = new ArrayList<VitalSign>(input.size());
    for (var r : input) {
      var v = new VitalSign();
      v.id = UUID.randomUUID();
      v.sessionId = sessionId;
      v.participantCode = participant.participantCode();
      v.trialId = participant.trialId();
      v.siteCode = participant.siteCode();
      v.measuredAt = r.measuredAt().toInstant().truncatedTo(ChronoUnit.MICROS);
      v.measuredOffset = r.measuredAt().getOffset().getId();
      v.systolic = r.systolic();
      v.diastolic = r.diastolic();
      v.heartRate = r.heartRate();
      v.temperatureC = r.temperatureC();
      v.spo2 = r.spo2();
      v.sourceKind = r.sourceKind();
      v.sourceId = r.sourceId();
      v.recordedBy = actor.subject();
      v.recordedAt = now;
      readings.add(v);
    }
    readings.sort(Comparator.comparing(v -> v.measuredAt));

    return holds
        .lockParticipant(participant.participantCode())
        .chain(() -> limits(participant.trialId()))
        .flatMap(
            limits ->
                Panache.getSession()
                    .chain(session -> session.persistAll(readings.toArray()))
                    .chain(
                        () ->
                            audit.record(
                                new AuditEvent(
                                    actor,
                                    "VitalSignBatch",
                                    readings.get(0).id.toString(),
                                    "CREATE",
                                    null,
                                    readings.stream().map(VitalSignView::of).toList(),
                                    "vital signs of session " + sessionId,
                                    participant.trialId(),
                                    participant.participantCode())))
                    .chain(
                        () ->
                            SafetyAlert.<SafetyAlert>list(
                                "kind = ?1 and sessionId = ?2 and participantCode = ?3"
                                    + " and episodeEndedAt is null",
                                AlertKind.VITALS,
                                sessionId,
                                participant.participantCode()))
                    .flatMap(
                        open ->
                            apply(
                                participant,
                                AlertEpisodes.detect(
                                    participant, sessionId, limits, readings, open),
                                actor)))
        .map(
            raised ->
                new IngestResult(
                    sessionId, participant.participantCode(), readings.size(), raised));
  }

  /** In the transaction: stores what the readings did to the episodes, and holds on a critical. */
  private Uni<List<AlertView>> apply(
      KnownParticipant participant, AlertEpisodes.Changes changes, Actor actor) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (var alert : changes.raised()) {
      chain = chain.call(() -> alerts.raise(alert, actor));
    }
    for (var alert : changes.escalated()) {
      chain =
          chain.call(
              () ->
                  alerts.changed(
                      alert, changes.before().get(alert), "ESCALATE", alert.summary, actor));
    }
    for (var alert : changes.ended()) {
      chain =
          chain.call(
              () ->
                  alerts.changed(
                      alert, changes.before().get(alert), "END_EPISODE", "back in range", actor));
    }
    var holdFor = changes.firstCritical();
    if (holdFor != null) {
      chain =
          chain.call(
              () ->
                  holds.placeForFinding(
                      participant.participantCode(),
                      participant.trialId(),
                      participant.siteCode(),
                      HoldCause.CRITICAL_VITALS,
                      holdFor.summary,
                      actor));
    }
    return chain.map(ignored -> changes.raisedOrEscalated());
  }

  @WithSession
  public Uni<PageOf<VitalSignView>> atSite(
      String siteCode, String participantCode, String sessionId, int page, int size) {
    var where = new StringBuilder("siteCode = :site");
    var params = new HashMap<String, Object>();
    params.put("site", siteCode);
    if (participantCode != null) {
      where.append(" and participantCode = :participant");
      params.put("participant", participantCode);
    }
    if (sessionId != null) {
      where.append(" and sessionId = :session");
      params.put("session", sessionId);
    }
    return PageOf.of(
        VitalSign.<VitalSign>find(where.toString(), Sort.ascending("measuredAt"), params),
        VitalSignView::of,
        page,
        size);
  }

  /**
   * The distinct users (token subjects, as {@code recorded_by} keeps them) who recorded vital signs
   * for the participant, sorted; empty for a participant without readings or unknown here.
   */
  @WithSession
  public Uni<List<String>> recordersOf(String participantCode) {
    return Panache.getSession()
        .flatMap(
            session ->
                session
                    .createQuery(
                        "select distinct v.recordedBy from VitalSign v"
                            + " where v.participantCode = :participant",
                        String.class)
                    .setParameter("participant", participantCode)
                    .getResultList())
        // Sorted here, not by the database's collation: the same order on every platform.
        .map(names -> names.stream().sorted().toList());
  }

  /** What an upload stored and the alerts it raised or made critical. */
  public record IngestResult(
      String sessionId, String participantCode, int stored, List<AlertView> alerts) {}
}

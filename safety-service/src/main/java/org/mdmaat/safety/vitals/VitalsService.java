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
import java.util.TreeSet;
import java.util.UUID;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.problem.Problem;
import org.mdmaat.platform.problem.Violation;
import org.mdmaat.platform.security.Scope;
import org.mdmaat.safety.Problems;
import org.mdmaat.safety.alert.AlertKind;
import org.mdmaat.safety.alert.AlertLevel;
import org.mdmaat.safety.alert.AlertService;
import org.mdmaat.safety.alert.AlertView;
import org.mdmaat.safety.alert.SafetyAlert;
import org.mdmaat.safety.hold.DosingHoldService;
import org.mdmaat.safety.hold.HoldCause;
import org.mdmaat.safety.participant.KnownParticipant;
import org.mdmaat.safety.participant.ParticipantDirectory;

/**
 * Stores vital signs and turns threshold crossings into alerts, one per episode ({@link
 * AlertEpisodes} finds them). An episode that reaches the critical limit places a dosing hold.
 */
@ApplicationScoped
public class VitalsService {
  // Clocks of bedside devices drift; more than this ahead of the server is an error.
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private static final Actor SESSION_SERVICE = Actor.system("session-service");

  private final AuditTrail audit;
  private final AlertService alerts;
  private final DosingHoldService holds;
  private final VitalLimitsService limits;
  private final ParticipantDirectory directory;

  VitalsService(
      AuditTrail audit,
      AlertService alerts,
      DosingHoldService holds,
      VitalLimitsService limits,
      ParticipantDirectory directory) {
    this.audit = audit;
    this.alerts = alerts;
    this.holds = holds;
    this.limits = limits;
    this.directory = directory;
  }

  /**
   * Stores readings of one participant's session, raises or closes alert episodes, and holds dosing
   * on a critical one: all in one transaction with one audit entry for the readings. The
   * participant must be at one of the caller's sites (else 404, as an unknown one).
   */
  public Uni<IngestResult> record(
      String participantCode, String sessionId, List<VitalReading> input, Scope scope) {
    var actor = scope.actor();
    // The participant's trial and site are asked first, outside the transaction.
    return directory
        .participantAt(participantCode, scope.sites())
        .chain(
            participant -> {
              var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
              var future = future(input, now);
              if (!future.isEmpty()) {
                throw Problems.VITALS_IN_FUTURE.problem(
                    "Readings cannot be measured in the future", future);
              }
              var readings = new ArrayList<VitalSign>(input.size());
              for (var r : input) {
                readings.add(reading(participant, sessionId, r, actor.subject(), now));
              }
              return Panache.withTransaction(
                  () ->
                      holds
                          .lockParticipant(participant.participantCode())
                          .chain(
                              () ->
                                  store(
                                      participant,
                                      sessionId,
                                      readings,
                                      actor,
                                      "vital signs of session " + sessionId)));
            });
  }

  /** Readings of one participant's dosing session, one part of {@link #recordAll}. */
  public record SessionReadings(
      String participantCode, String sessionId, List<VitalReading> readings) {}

  /**
   * {@link #recordAll} refused because of part {@code index}: {@code problem} says why, its
   * violations naming that part's readings ({@code readings[i]…}) when it is about some of them.
   */
  public static final class PartRefused extends RuntimeException {
    private final int index;
    private final Problem problem;

    PartRefused(int index, Problem problem) {
      super(problem.getMessage(), problem, false, false);
      this.index = index;
      this.problem = problem;
    }

    public int index() {
      return index;
    }

    public Problem problem() {
      return problem;
    }
  }

  /**
   * As {@link #record}, for readings of several participants' sessions at once and all or nothing:
   * every participant must be at one of the caller's sites and no reading in the future, else
   * {@link PartRefused} names the first part refused and nothing is stored. The participants are
   * asked first, outside the transaction; then one transaction locks them (in code order, so two
   * such calls cannot deadlock) and stores each part as {@code record} would, one audit entry per
   * part. The results in the order of {@code parts}.
   */
  public Uni<List<IngestResult>> recordAll(List<SessionReadings> parts, Scope scope) {
    var actor = scope.actor();
    var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    var known = new ArrayList<KnownParticipant>();
    Uni<Void> asked = Uni.createFrom().voidItem();
    for (int p = 0; p < parts.size(); p++) {
      int index = p;
      var part = parts.get(p);
      asked =
          asked
              .chain(() -> directory.participantAt(part.participantCode(), scope.sites()))
              .onFailure(Problem.class)
              .transform(f -> new PartRefused(index, (Problem) f))
              .invoke(
                  participant -> {
                    var future = future(part.readings(), now);
                    if (!future.isEmpty()) {
                      throw new PartRefused(
                          index,
                          Problems.VITALS_IN_FUTURE.problem(
                              "Readings cannot be measured in the future", future));
                    }
                    known.add(participant);
                  })
              .replaceWithVoid();
    }
    return asked.chain(
        () -> {
          var codes = new TreeSet<String>();
          known.forEach(k -> codes.add(k.participantCode()));
          return Panache.withTransaction(
              () -> {
                Uni<Void> locked = Uni.createFrom().voidItem();
                for (var code : codes) {
                  locked = locked.chain(() -> holds.lockParticipant(code));
                }
                var results = new ArrayList<IngestResult>();
                Uni<Void> chain = locked;
                for (int p = 0; p < parts.size(); p++) {
                  var part = parts.get(p);
                  var participant = known.get(p);
                  chain =
                      chain.chain(
                          () -> {
                            var readings = new ArrayList<VitalSign>(part.readings().size());
                            for (var r : part.readings()) {
                              readings.add(
                                  reading(participant, part.sessionId(), r, actor.subject(), now));
                            }
                            return store(
                                    participant,
                                    part.sessionId(),
                                    readings,
                                    actor,
                                    "vital signs of session " + part.sessionId())
                                .invoke(results::add)
                                .replaceWithVoid();
                          });
                }
                return chain.map(ignored -> List.copyOf(results));
              });
        });
  }

  private static List<Violation> future(List<VitalReading> input, Instant now) {
    var future = new ArrayList<Violation>();
    for (int i = 0; i < input.size(); i++) {
      if (input.get(i).measuredAt().toInstant().isAfter(now.plus(CLOCK_SKEW))) {
        future.add(new Violation("readings[" + i + "].measuredAt", "lies in the future"));
      }
    }
    return future;
  }

  /**
   * Stores the pre-dose vitals session-service took (asked over gRPC before it records a dose): a
   * reading of the dosing session like any other, with its alerts and holds. The participant's
   * trial and site must be recruitment-service's (asked first, outside the transaction). The same
   * reading id again stores nothing: session-service may ask again after a refused dose.
   */
  public Uni<PreDoseResult> recordPreDose(PreDoseReading p) {
    return directory
        .participant(p.participantCode())
        .chain(
            participant -> {
              if (!participant.trialId().equals(p.trialId())
                  || !participant.siteCode().equals(p.siteCode())) {
                throw Problems.HOLD_NOT_PARTICIPANTS.problem(
                    "The pre-dose vitals name another trial or site than the participant's");
              }
              var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
              if (p.reading().measuredAt().toInstant().isAfter(now.plus(CLOCK_SKEW))) {
                throw Problems.VITALS_IN_FUTURE.problem(
                    "Readings cannot be measured in the future");
              }
              var v = reading(participant, p.sessionId(), p.reading(), p.checkedBy(), now);
              v.id = p.readingId();
              return Panache.withTransaction(
                  () ->
                      holds
                          .lockParticipant(participant.participantCode())
                          .chain(() -> VitalSign.<VitalSign>findById(p.readingId()))
                          .chain(
                              existing ->
                                  existing != null
                                      ? Uni.createFrom()
                                          .item(new PreDoseResult(false, List.<AlertView>of()))
                                      : store(
                                              participant,
                                              p.sessionId(),
                                              new ArrayList<>(List.of(v)),
                                              SESSION_SERVICE,
                                              "pre-dose vitals of session "
                                                  + p.sessionId()
                                                  + ", checked by "
                                                  + p.checkedBy())
                                          .map(r -> new PreDoseResult(true, r.alerts()))));
            });
  }

  /** Pre-dose vitals as session-service sends them. */
  public record PreDoseReading(
      UUID readingId,
      String participantCode,
      String trialId,
      String siteCode,
      String sessionId,
      String checkedBy,
      VitalReading reading) {}

  /** Whether the pre-dose reading was stored now (false: it was already) and its alerts. */
  public record PreDoseResult(boolean stored, List<AlertView> alerts) {}

  private static VitalSign reading(
      KnownParticipant participant,
      String sessionId,
      VitalReading r,
      String recordedBy,
      Instant now) {
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
    v.recordedBy = recordedBy;
    v.recordedAt = now;
    return v;
  }

  /**
   * In the caller's transaction, holding the participant's lock: stores readings, raises or closes
   * alert episodes and holds dosing on a critical reading, with one audit entry for the readings.
   */
  private Uni<IngestResult> store(
      KnownParticipant participant,
      String sessionId,
      List<VitalSign> readings,
      Actor actor,
      String reason) {
    // The ids in the order the readings were given, before they are put in measured order.
    var ids = readings.stream().map(v -> v.id).toList();
    readings.sort(Comparator.comparing(v -> v.measuredAt));
    return limits
        .inForce(participant.trialId(), participant.siteCode())
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
                                    reason,
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
                    sessionId, participant.participantCode(), readings.size(), ids, raised));
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
    // Every critical reading holds dosing: one continuing a critical episode too, so that a hold
    // lifted while the danger lasts is placed again (an active hold of the cause is kept).
    var holdFor = changes.criticalFinding();
    if (holdFor != null) {
      chain =
          chain.call(
              () ->
                  holds.placeForFinding(
                      participant.participantCode(),
                      participant.trialId(),
                      participant.siteCode(),
                      HoldCause.CRITICAL_VITALS,
                      holdFor,
                      actor));
    }
    return chain.map(ignored -> changes.raisedOrEscalated());
  }

  /** The readings at a site of the caller's (another site: 404). */
  @WithSession
  public Uni<PageOf<VitalSignView>> atSite(
      String siteCode, String participantCode, String sessionId, Scope scope, int page, int size) {
    scope.requireSite(siteCode);
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

  /**
   * The participant's current vitals: the latest reading of each vital, judged against the limits
   * in force now at the reading's site. Readings of every session count: the pre-dose vitals stored
   * with each initial dose keep them fresh.
   */
  @WithSession
  public Uni<CurrentVitals> current(String participantCode) {
    var latest = new java.util.EnumMap<VitalKind, VitalSign>(VitalKind.class);
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (var kind : VitalKind.values()) {
      chain =
          chain.call(
              () ->
                  VitalSign.<VitalSign>find(
                          "participantCode = ?1 and " + COLUMN.get(kind) + " is not null",
                          Sort.descending("measuredAt"),
                          participantCode)
                      .firstResult()
                      .invoke(
                          v -> {
                            if (v != null) {
                              latest.put(kind, v);
                            }
                          }));
    }
    return chain.chain(
        () -> {
          if (latest.isEmpty()) {
            return Uni.createFrom()
                .item(new CurrentVitals(CurrentVitals.Level.NO_READINGS, List.of()));
          }
          var newest = latest.values().stream().max(Comparator.comparing(v -> v.measuredAt)).get();
          return limits
              .inForce(newest.trialId, newest.siteCode)
              .map(
                  inForce -> {
                    var level = CurrentVitals.Level.IN_RANGE;
                    var findings = new ArrayList<String>();
                    for (var entry : latest.entrySet()) {
                      var kind = entry.getKey();
                      double value = entry.getValue().value(kind);
                      var reached = inForce.level(kind, value);
                      if (reached.isEmpty()) {
                        continue;
                      }
                      findings.add(
                          AlertEpisodes.describe(
                              kind, value, reached.get(), entry.getValue(), inForce));
                      if (reached.get() == AlertLevel.CRITICAL) {
                        level = CurrentVitals.Level.CRITICAL;
                      } else if (level == CurrentVitals.Level.IN_RANGE) {
                        level = CurrentVitals.Level.WARN;
                      }
                    }
                    return new CurrentVitals(level, List.copyOf(findings));
                  });
        });
  }

  private static final java.util.Map<VitalKind, String> COLUMN =
      java.util.Map.of(
          VitalKind.SYSTOLIC, "systolic",
          VitalKind.DIASTOLIC, "diastolic",
          VitalKind.HEART_RATE, "heartRate",
          VitalKind.TEMPERATURE, "temperatureC",
          VitalKind.SPO2, "spo2");

  /** The participant's current vital-sign level and one line per vital out of range. */
  public record CurrentVitals(Level level, List<String> findings) {
    public enum Level {
      NO_READINGS,
      IN_RANGE,
      WARN,
      CRITICAL
    }
  }

  /**
   * What an upload stored (the readings' ids in the order given) and the alerts it raised or made
   * critical.
   */
  public record IngestResult(
      String sessionId,
      String participantCode,
      int stored,
      List<UUID> readingIds,
      List<AlertView> alerts) {}
}

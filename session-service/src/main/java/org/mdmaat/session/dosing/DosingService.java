package org.mdmaat.session.dosing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.mdmaat.contracts.events.DoseAdministered;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.Topics;
import org.mdmaat.contracts.grpc.recruitment.ParticipantRecord;
import org.mdmaat.contracts.grpc.recruitment.ParticipantStatus;
import org.mdmaat.contracts.grpc.safety.DosingClearance;
import org.mdmaat.contracts.grpc.safety.PreDoseVitals;
import org.mdmaat.contracts.grpc.safety.VitalsLevel;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;
import org.mdmaat.platform.directory.ParticipantDirectoryClient;
import org.mdmaat.platform.outbox.Outbox;
import org.mdmaat.platform.problem.Violation;
import org.mdmaat.platform.reactive.CallerContext;
import org.mdmaat.platform.security.Roles;
import org.mdmaat.platform.security.Scope;
import org.mdmaat.session.Problems;
import org.mdmaat.session.accountability.AccountabilityService;
import org.mdmaat.session.booking.ProtocolDeviation;
import org.mdmaat.session.participant.DoseRegimen;
import org.mdmaat.session.participant.Participant;
import org.mdmaat.session.participant.TrialSettings;
import org.mdmaat.session.participant.VisitPlan;
import org.mdmaat.session.schedule.ProtocolSession;
import org.mdmaat.session.schedule.ScheduleService;
import org.mdmaat.session.schedule.SessionKind;
import org.mdmaat.session.schedule.SessionStatus;
import org.mdmaat.session.trial.TrialStatusService;

/**
 * Records doses. Before anything is written, every question must be answered yes, from the trial's
 * own settings and never a default:
 *
 * <ul>
 *   <li>the pre-dose vitals stored at safety-service (initial dose): they are vital signs of the
 *       session, alerted and held on as any other, and a critical one refuses the dose there;
 *   <li>no dosing hold known here, and safety-service's clearance;
 *   <li>for a supplemental dose, the participant's current vitals in range; at a warning level (or
 *       a level safety-service did not say) only with an investigator's explicit confirmation,
 *       never at a critical one;
 *   <li>the participant RANDOMIZED or IN_TREATMENT at recruitment-service and not withdrawn here;
 *   <li>the trial in a status that doses (not SUSPENDED, TERMINATED, COMPLETED or WITHDRAWN);
 *   <li>a pre-dose check that passed, with a negative pregnancy test unless the participant is
 *       recorded as not of childbearing potential, and a dose time after it and not in the future;
 *   <li>session n dosed only after session n−1 was completed, and spaced from its dose within the
 *       trial's window, unless an investigator signed a deviation for it first;
 *   <li>the trial's regimen, every setting of which must be configured.
 * </ul>
 *
 * A "no" refuses the dose (422, naming the reason); no answer refuses it too (503): safety fails
 * closed. The local facts (hold, participant, trial status) are read again inside the dose's
 * transaction. Only then are the dose, the session's new status, the kit's dispense, the schedule
 * re-anchored on the dose, their audit entries and events written, in one transaction.
 */
@ApplicationScoped
public class DosingService {

  private static final Logger LOG = Logger.getLogger(DosingService.class);
  private static final Set<ParticipantStatus> DOSABLE =
      Set.of(ParticipantStatus.RANDOMIZED, ParticipantStatus.IN_TREATMENT);

  private final ParticipantDirectoryClient directory;
  private final SafetyGateClient gate;
  private final AccountabilityService accountability;
  private final SessionLifecycleService lifecycle;
  private final ScheduleService schedules;
  private final TrialStatusService trials;
  private final DoseSettings settings;
  private final AuditTrail audit;
  private final Outbox outbox;
  private final ObjectMapper json;

  DosingService(
      ParticipantDirectoryClient directory,
      SafetyGateClient gate,
      AccountabilityService accountability,
      SessionLifecycleService lifecycle,
      ScheduleService schedules,
      TrialStatusService trials,
      DoseSettings settings,
      AuditTrail audit,
      Outbox outbox,
      ObjectMapper json) {
    this.directory = directory;
    this.gate = gate;
    this.accountability = accountability;
    this.lifecycle = lifecycle;
    this.schedules = schedules;
    this.trials = trials;
    this.settings = settings;
    this.audit = audit;
    this.outbox = outbox;
    this.json = json;
  }

  /** What the checks read before a dose, filled step by step. */
  private static final class DoseContext {
    ProtocolSession session;
    Participant participant;
    Dose initial;
    PreDoseCheck check;
    ProtocolSession previous;
    Dose previousInitial;
    Set<String> deviations = Set.of();
    ParticipantRecord record;
    DoseRegimen regimen;
    VisitPlan plan;
    ZoneId zone;
    DosingClearance clearance;
  }

  public Uni<DoseView> record(UUID id, DoseRequest request, Scope scope) {
    boolean supplemental = request.supplemental();
    var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    var administeredAt =
        (request.administeredAt() == null ? now : request.administeredAt().toInstant())
            .truncatedTo(ChronoUnit.MICROS);
    if (administeredAt.isAfter(now.plus(settings.clockSkew()))) {
      throw Problems.DOSE_TIME.problem(
          "The dose is refused: administeredAt lies in the future",
          List.of(new Violation("administeredAt", "is after now (" + now + ")")));
    }
    if (request.vitalsConfirmation() != null && !scope.hasRole(Roles.INVESTIGATOR)) {
      // "Unless contraindicated" is the investigator's judgement, not the session team's.
      throw Problems.VITALS_CONFIRMATION_ROLE.problem(
          "Only an investigator may confirm a supplemental dose despite the participant's vitals");
    }
    return Panache.withSession(() -> context(id, supplemental, scope))
        .call(this::confirmParticipant)
        .call(ctx -> supplemental ? Uni.createFrom().voidItem() : storePreDoseVitals(ctx))
        .call(this::confirmClearance)
        .invoke(ctx -> currentVitals(ctx, request, supplemental))
        .call(this::protocol)
        .invoke(ctx -> rules(ctx, request, supplemental, administeredAt))
        .chain(
            ctx ->
                Panache.withTransaction(
                    () -> write(ctx, request, supplemental, administeredAt, scope)));
  }

  private Uni<DoseContext> context(UUID id, boolean supplemental, Scope scope) {
    var ctx = new DoseContext();
    return ProtocolSession.<ProtocolSession>findById(id)
        .map(s -> SessionLifecycleService.visible(s, id, scope))
        .invoke(
            session -> {
              if (!session.dosing()) {
                throw Problems.ILLEGAL_TRANSITION.problem(
                    "A " + session.kind + " session has no doses");
              }
              ctx.session = session;
            })
        .chain(session -> Dose.<Dose>list("sessionId = ?1 order by administeredAt", session.id))
        .invoke(
            doses -> {
              ctx.initial = doses.stream().filter(d -> !d.supplemental).findFirst().orElse(null);
              if (supplemental && doses.stream().anyMatch(d -> d.supplemental)) {
                throw Problems.DOSE_RULE.problem(
                    "A supplemental dose was already given in this session: only one");
              }
              SessionLifecycleService.requireMove(
                  ctx.session,
                  supplemental ? SessionStatus.SUPPLEMENTAL_DOSED : SessionStatus.DOSED);
            })
        .call(() -> refuseOnKnownHold(ctx.session.participantCode))
        .call(
            () ->
                Participant.<Participant>findById(ctx.session.participantCode)
                    .invoke(
                        p -> {
                          refuseWithdrawn(p);
                          ctx.participant = p;
                        }))
        .call(() -> PreDoseCheck.<PreDoseCheck>findById(ctx.session.id).invoke(c -> ctx.check = c))
        .call(() -> supplemental ? Uni.createFrom().voidItem() : previous(ctx))
        .replaceWith(ctx);
  }

  /** The experimental session before this one, its initial dose and this session's deviations. */
  private static Uni<Void> previous(DoseContext ctx) {
    var s = ctx.session;
    return ProtocolDeviation.<ProtocolDeviation>list("sessionId", s.id)
        .invoke(
            ds ->
                ctx.deviations =
                    ds.stream().map(d -> d.category).collect(java.util.stream.Collectors.toSet()))
        .chain(
            () ->
                s.number <= 1
                    ? Uni.createFrom().<ProtocolSession>nullItem()
                    : ProtocolSession.<ProtocolSession>find(
                            "participantCode = ?1 and kind = ?2 and number = ?3",
                            s.participantCode,
                            SessionKind.EXPERIMENTAL,
                            s.number - 1)
                        .firstResult())
        .invoke(p -> ctx.previous = p)
        .chain(
            p ->
                p == null
                    ? Uni.createFrom().<Dose>nullItem()
                    : Dose.<Dose>find("sessionId = ?1 and supplemental = false", p.id)
                        .firstResult())
        .invoke(d -> ctx.previousInitial = d)
        .replaceWithVoid();
  }

  private static void refuseWithdrawn(Participant p) {
    if (p != null && Participant.WITHDRAWN.equals(p.status)) {
      throw Problems.PARTICIPANT_NOT_DOSABLE.problem(
          "The dose is refused: participant " + p.participantCode + " has withdrawn");
    }
  }

  private static Uni<Void> refuseOnKnownHold(String participantCode) {
    return KnownDosingHold.<KnownDosingHold>list(
            "participantCode = ?1 and liftedAt is null order by placedAt", participantCode)
        .invoke(
            holds -> {
              if (!holds.isEmpty()) {
                var h = holds.get(0);
                throw Problems.DOSING_HOLD.problem(
                    "Dosing hold " + h.holdId + " (" + h.cause + ") is active: " + h.reason);
              }
            })
        .replaceWithVoid();
  }

  private Uni<Void> confirmParticipant(DoseContext ctx) {
    var code = ctx.session.participantCode;
    return CallerContext.resumeOn(directory.participant(code))
        .onFailure()
        .transform(
            failure -> {
              LOG.warnf("ParticipantDirectory gave no answer for %s: %s", code, failure.toString());
              return Problems.DIRECTORY_UNAVAILABLE.problem(
                  "The dose is refused: recruitment-service could not confirm the participant's"
                      + " status");
            })
        .invoke(
            record -> {
              if (!record.getFound() || !DOSABLE.contains(record.getStatus())) {
                throw Problems.PARTICIPANT_NOT_DOSABLE.problem(
                    "The dose is refused: participant "
                        + code
                        + " is "
                        + (record.getFound() ? record.getStatus().name() : "unknown")
                        + " at recruitment-service, not RANDOMIZED or IN_TREATMENT");
              }
              ctx.record = record;
            })
        .replaceWithVoid();
  }

  /**
   * Sends the session's pre-dose vitals to safety-service, where they are stored as vital signs of
   * the session (summaries and exports see them; a critical one alerts and holds). The reading id
   * is the session's, so a dose tried again stores them once. No answer: the dose is refused (503)
   * and nothing is recorded. Without a passed check there is nothing to send (the rules refuse).
   */
  private Uni<Void> storePreDoseVitals(DoseContext ctx) {
    var check = ctx.check;
    if (check == null) {
      return Uni.createFrom().voidItem();
    }
    var s = ctx.session;
    var vitals =
        PreDoseVitals.newBuilder()
            .setReadingId(preDoseReadingId(s.id).toString())
            .setParticipantCode(s.participantCode)
            .setTrialId(s.trialId)
            .setSiteCode(s.siteCode)
            .setSessionId(s.id.toString())
            .setMeasuredAt(check.checkedAt.atOffset(java.time.ZoneOffset.UTC).toString())
            .setCheckedBy(check.checkedBy)
            .setSystolic(check.systolic)
            .setDiastolic(check.diastolic)
            .setHeartRate(check.heartRate)
            .setTemperatureC(check.temperatureC.doubleValue())
            .build();
    return CallerContext.resumeOn(gate.recordPreDoseVitals(vitals))
        .onFailure()
        .transform(
            failure -> {
              LOG.warnf(
                  "safety-service did not store the pre-dose vitals of session %s: %s",
                  s.id, failure.toString());
              return Problems.PRE_DOSE_VITALS_NOT_STORED.problem(
                  "The dose is refused: safety-service could not store the pre-dose vitals");
            })
        .replaceWithVoid();
  }

  /** The id of a session's pre-dose reading at safety-service: one per session. */
  static UUID preDoseReadingId(UUID sessionId) {
    return UUID.nameUUIDFromBytes(
        ("pre-dose-check:" + sessionId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /**
   * A supplemental dose needs the participant's current vitals in range. At a warning level, or a
   * level safety-service did not say (no readings, an answer without it), it needs an
   * investigator's explicit confirmation; at a critical level it is refused.
   */
  private static void currentVitals(DoseContext ctx, DoseRequest request, boolean supplemental) {
    if (!supplemental) {
      return;
    }
    var level = ctx.clearance.getVitalsLevel();
    var findings = String.join("; ", ctx.clearance.getVitalsFindingsList());
    if (level == VitalsLevel.VITALS_CRITICAL) {
      throw Problems.VITALS_CRITICAL.problem(
          "The supplemental dose is refused: the participant's current vitals are critical: "
              + findings);
    }
    if (level != VitalsLevel.VITALS_IN_RANGE && request.vitalsConfirmation() == null) {
      throw Problems.VITALS_WARN.problem(
          "The supplemental dose is refused: the participant's current vitals are "
              + (level == VitalsLevel.VITALS_WARN
                  ? "at a warning level (" + findings + ")"
                  : "not known to be in range (" + level + ")")
              + "; an investigator may give it by confirming it (vitalsConfirmation with a reason)",
          List.of(
              new Violation(
                  "vitalsConfirmation", "is required while the current vitals are " + level)));
    }
  }

  private Uni<Void> confirmClearance(DoseContext ctx) {
    var s = ctx.session;
    return CallerContext.resumeOn(gate.check(s.participantCode, s.trialId))
        .onFailure()
        .transform(
            failure -> {
              LOG.warnf(
                  "SafetyGate gave no answer for %s: %s", s.participantCode, failure.toString());
              return Problems.SAFETY_UNAVAILABLE.problem(
                  "The dose is refused: safety-service could not confirm dosing clearance");
            })
        .invoke(
            clearance -> {
              if (!clearance.getCleared()) {
                throw Problems.NOT_CLEARED.problem(
                    "The dose is refused: safety-service does not clear dosing: "
                        + String.join("; ", clearance.getReasonsList()));
              }
              ctx.clearance = clearance;
            })
        .replaceWithVoid();
  }

  /** The trial's status, regimen, visit template and the site's time zone, as configured. */
  private Uni<Void> protocol(DoseContext ctx) {
    var trialId = ctx.session.trialId;
    return CallerContext.resumeOn(directory.protocol(trialId))
        .onFailure()
        .transform(
            failure ->
                Problems.DIRECTORY_UNAVAILABLE.problem(
                    "The dose is refused: the trial's protocol settings could not be read"))
        .invoke(
            protocol -> {
              TrialSettings.requireFound(trialId, protocol);
              TrialSettings.requireDosing(trialId, protocol.getRecruitmentStatus());
              ctx.regimen = DoseRegimen.of(protocol);
              ctx.plan = VisitPlan.of(protocol);
              ctx.zone = TrialSettings.zone(protocol, ctx.session.siteCode);
            })
        .replaceWithVoid();
  }

  /** The rules that need no more reading: time, pregnancy, sequence and spacing, regimen. */
  private void rules(
      DoseContext ctx, DoseRequest request, boolean supplemental, Instant administeredAt) {
    var check = ctx.check;
    if (check == null) {
      throw Problems.DOSE_RULE.problem("The dose is refused: no passed pre-dose check is recorded");
    }
    // Dose times are written to the minute at the bedside: a dose in the minute the checks passed
    // is after them.
    if (administeredAt.isBefore(check.checkedAt.truncatedTo(ChronoUnit.MINUTES))) {
      throw Problems.DOSE_TIME.problem(
          "The dose is refused: administeredAt lies before the pre-dose checks passed",
          List.of(
              new Violation(
                  "administeredAt", "is before the pre-dose checks passed at " + check.checkedAt)));
    }
    pregnancy(check, ctx.record);
    if (!supplemental) {
      sequenceAndSpacing(ctx, administeredAt);
    }
    var broken =
        DoseRules.check(
            ctx.regimen,
            ctx.session.number,
            ctx.record.getWeightKg(),
            supplemental,
            request.mgHcl(),
            ctx.initial,
            administeredAt,
            settings.lateAfter());
    if (!broken.isEmpty()) {
      throw Problems.DOSE_RULE.problem("The dose breaks the trial's dosing regimen", broken);
    }
  }

  /** A positive or missing test refuses; "not applicable" only for no childbearing potential. */
  static void pregnancy(PreDoseCheck check, ParticipantRecord record) {
    var test = check.pregnancyTest;
    if (PreDoseChecklist.PregnancyTest.NEGATIVE.name().equals(test)) {
      return;
    }
    if (PreDoseChecklist.PregnancyTest.NOT_APPLICABLE.name().equals(test)
        && record.hasChildbearingPotential()
        && !record.getChildbearingPotential()) {
      return;
    }
    throw Problems.PREGNANCY.problem(
        "The dose is refused: the pregnancy test is "
            + (test == null ? "missing" : test)
            + (PreDoseChecklist.PregnancyTest.NOT_APPLICABLE.name().equals(test)
                ? ", but the participant is not recorded as without childbearing potential"
                : ""));
  }

  /**
   * Session n only after session n−1 completed, on a site-local day within the trial's spacing of
   * n−1's dose; either may be waived by a signed deviation recorded for this session beforehand.
   */
  private static void sequenceAndSpacing(DoseContext ctx, Instant administeredAt) {
    var s = ctx.session;
    if (s.number <= 1) {
      return;
    }
    var previous = ctx.previous;
    if ((previous == null || previous.status != SessionStatus.COMPLETED)
        && !ctx.deviations.contains(ProtocolDeviation.DOSE_OUT_OF_SEQUENCE)) {
      throw Problems.DOSE_SEQUENCE.problem(
          "The dose is refused: experimental session "
              + (s.number - 1)
              + " is "
              + (previous == null ? "missing" : previous.status)
              + "; session "
              + s.number
              + " is dosed only after it is completed, unless an investigator first records a"
              + " signed "
              + ProtocolDeviation.DOSE_OUT_OF_SEQUENCE
              + " deviation");
    }
    if (ctx.previousInitial == null) {
      return; // nothing was dosed before: there is no spacing to keep
    }
    var before = ctx.previousInitial.administeredAt.atZone(ctx.zone).toLocalDate();
    var today = administeredAt.atZone(ctx.zone).toLocalDate();
    long days = ChronoUnit.DAYS.between(before, today);
    if ((days < ctx.plan.minSpacingDays() || days > ctx.plan.maxSpacingDays())
        && !ctx.deviations.contains(ProtocolDeviation.DOSE_OUTSIDE_SPACING)) {
      throw Problems.DOSE_SPACING.problem(
          "The dose is refused: it would come "
              + days
              + " days after experimental session "
              + (s.number - 1)
              + "'s dose on "
              + before
              + "; the protocol spaces them "
              + ctx.plan.minSpacingDays()
              + " to "
              + ctx.plan.maxSpacingDays()
              + " days apart, unless an investigator first records a signed "
              + ProtocolDeviation.DOSE_OUTSIDE_SPACING
              + " deviation");
    }
  }

  private Uni<DoseView> write(
      DoseContext ctx,
      DoseRequest request,
      boolean supplemental,
      Instant administeredAt,
      Scope scope) {
    var expected = ctx.session.status;
    return SessionLifecycleService.locked(ctx.session.id, scope)
        // A hold, a withdrawal or a trial's suspension may have arrived while the remote checks
        // ran: look again inside the transaction, with the rows locked against change.
        .call(session -> refuseOnKnownHold(session.participantCode))
        .call(
            session ->
                Participant.<Participant>findById(
                        session.participantCode, LockModeType.PESSIMISTIC_READ)
                    .invoke(DosingService::refuseWithdrawn))
        .call(session -> trials.requireDosing(session.trialId))
        .chain(
            session -> {
              // Someone may have moved the session while the checks ran.
              if (session.status != expected) {
                throw Problems.ILLEGAL_TRANSITION.problem(
                    "Session " + session.id + " is now " + session.status);
              }
              var kitCode = kitCode(ctx);
              var dose = new Dose();
              dose.id = UUID.randomUUID();
              dose.sessionId = session.id;
              dose.participantCode = session.participantCode;
              dose.trialId = session.trialId;
              dose.siteCode = session.siteCode;
              dose.kitCode = kitCode;
              dose.supplemental = supplemental;
              dose.mgHcl = request.mgHcl().setScale(2);
              dose.mgBase = DoseRules.base(dose.mgHcl, settings.baseFactor());
              dose.administeredAt = administeredAt;
              dose.recordedBy = scope.actor().subject();
              dose.recordedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
              dose.late =
                  Duration.between(administeredAt, dose.recordedAt).compareTo(settings.lateAfter())
                      > 0;
              dose.vitalsLevel = ctx.clearance.getVitalsLevel().name();
              dose.vitalsFindings =
                  ctx.clearance.getVitalsFindingsCount() == 0
                      ? null
                      : String.join("\n", ctx.clearance.getVitalsFindingsList());
              if (request.vitalsConfirmation() != null) {
                dose.vitalsConfirmedBy = scope.actor().subject();
                dose.vitalsConfirmationReason = request.vitalsConfirmation().reason().trim();
              }
              var payload =
                  new DoseAdministered(
                      dose.id.toString(),
                      session.id.toString(),
                      dose.participantCode,
                      dose.trialId,
                      dose.siteCode,
                      dose.kitCode,
                      supplemental,
                      dose.mgHcl,
                      dose.mgBase,
                      dose.administeredAt);
              return dose.persist()
                  .call(
                      () ->
                          audit.record(
                              new AuditEvent(
                                  scope.actor(),
                                  "Dose",
                                  dose.id.toString(),
                                  "CREATE",
                                  null,
                                  DoseView.of(dose),
                                  dose.vitalsConfirmationReason,
                                  dose.trialId,
                                  dose.participantCode)))
                  .call(
                      () ->
                          lifecycle.move(
                              session,
                              supplemental ? SessionStatus.SUPPLEMENTAL_DOSED : SessionStatus.DOSED,
                              null,
                              scope.actor()))
                  .call(
                      () ->
                          accountability.dispense(
                              dose.siteCode,
                              dose.kitCode,
                              dose.mgHcl,
                              dose.id,
                              dose.trialId,
                              dose.participantCode,
                              scope.actor()))
                  .call(
                      () ->
                          outbox.publish(
                              Topics.SESSIONS,
                              dose.participantCode,
                              EventEnvelope.of(
                                  EventTypes.DOSE_ADMINISTERED,
                                  ScheduleService.SOURCE,
                                  dose.trialId,
                                  dose.participantCode,
                                  json.valueToTree(payload))))
                  .call(
                      () ->
                          supplemental
                              ? Uni.createFrom().voidItem()
                              : schedules.dosed(
                                  session,
                                  ctx.plan,
                                  administeredAt.atZone(ctx.zone).toLocalDate(),
                                  ctx.zone,
                                  scope.actor()))
                  .replaceWith(() -> DoseView.of(dose));
            });
  }

  private static String kitCode(DoseContext ctx) {
    if (ctx.participant != null
        && ctx.participant.kitCode != null
        && !ctx.participant.kitCode.isBlank()) {
      return ctx.participant.kitCode;
    }
    var fromDirectory = ctx.record.getKitCode();
    if (fromDirectory.isBlank()) {
      throw Problems.DOSE_RULE.problem("The participant has no kit code: nothing can be dispensed");
    }
    return fromDirectory;
  }

  @WithSession
  public Uni<List<DoseView>> doses(UUID id, Scope scope) {
    return ProtocolSession.<ProtocolSession>findById(id)
        .map(s -> SessionLifecycleService.visible(s, id, scope))
        .chain(s -> Dose.<Dose>list("sessionId = ?1 order by administeredAt", s.id))
        .map(all -> all.stream().map(DoseView::of).toList());
  }
}

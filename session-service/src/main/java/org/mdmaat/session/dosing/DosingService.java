package org.mdmaat.session.dosing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
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
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;
import org.mdmaat.platform.outbox.Outbox;
import org.mdmaat.platform.problem.Conflict;
import org.mdmaat.platform.problem.RuleViolation;
import org.mdmaat.platform.problem.ServiceUnavailable;
import org.mdmaat.platform.reactive.CallerContext;
import org.mdmaat.session.accountability.AccountabilityService;
import org.mdmaat.session.participant.DoseRegimen;
import org.mdmaat.session.participant.Participant;
import org.mdmaat.session.participant.ParticipantDirectoryClient;
import org.mdmaat.session.schedule.ProtocolSession;
import org.mdmaat.session.schedule.ScheduleService;
import org.mdmaat.session.schedule.SessionStatus;

/**
 * Records doses. Before anything is written, every safety question must be answered yes: no dosing
 * hold known here, the participant RANDOMIZED or IN_TREATMENT at recruitment-service,
 * safety-service's clearance, and the trial's regimen. A "no" refuses the dose (422); no answer
 * refuses it too (503): safety fails closed. Only then are the dose, the session's new status, the
 * kit's dispense, their audit entries and the DoseAdministered event written, in one transaction.
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
  private final DoseSettings settings;
  private final AuditTrail audit;
  private final Outbox outbox;
  private final ObjectMapper json;

  DosingService(
      ParticipantDirectoryClient directory,
      SafetyGateClient gate,
      AccountabilityService accountability,
      SessionLifecycleService lifecycle,
      DoseSettings settings,
      AuditTrail audit,
      Outbox outbox,
      ObjectMapper json) {
    this.directory = directory;
    this.gate = gate;
    this.accountability = accountability;
    this.lifecycle = lifecycle;
    this.settings = settings;
    this.audit = audit;
    this.outbox = outbox;
    this.json = json;
  }

  /** What the checks read before a dose. */
  private record DoseContext(
      ProtocolSession session,
      Participant participant,
      Dose initial,
      ParticipantRecord record,
      DoseRegimen regimen) {
    DoseContext with(ParticipantRecord r) {
      return new DoseContext(session, participant, initial, r, regimen);
    }

    DoseContext with(DoseRegimen r) {
      return new DoseContext(session, participant, initial, record, r);
    }
  }

  public Uni<DoseView> record(UUID id, DoseRequest request, Set<String> sites, Actor actor) {
    boolean supplemental = request.supplemental();
    var administeredAt =
        (request.administeredAt() == null ? Instant.now() : request.administeredAt().toInstant())
            .truncatedTo(ChronoUnit.MICROS);
    if (administeredAt.isAfter(Instant.now().plusSeconds(300))) {
      throw rule("SES-0422-DOSE", "administeredAt is in the future");
    }
    return Panache.withSession(() -> context(id, supplemental, sites))
        .chain(this::confirmParticipant)
        .call(this::confirmClearance)
        .chain(this::regimen)
        .invoke(
            ctx -> {
              var broken =
                  DoseRules.check(
                      ctx.regimen(),
                      ctx.session().number,
                      ctx.record().getWeightKg(),
                      supplemental,
                      request.mgHcl(),
                      ctx.initial(),
                      administeredAt);
              if (!broken.isEmpty()) {
                throw new RuleViolation(
                    "SES-0422-DOSE", "The dose breaks the trial's dosing regimen", broken);
              }
            })
        .chain(
            ctx ->
                Panache.withTransaction(
                    () -> write(ctx, request, supplemental, administeredAt, sites, actor)));
  }

  private Uni<DoseContext> context(UUID id, boolean supplemental, Set<String> sites) {
    return ProtocolSession.<ProtocolSession>findById(id)
        .map(s -> SessionLifecycleService.visible(s, id, sites))
        .chain(
            session -> {
              if (!session.dosing()) {
                throw new Conflict("SES-0409", "A " + session.kind + " session has no doses");
              }
              return Dose.<Dose>list("sessionId = ?1 order by administeredAt", session.id)
                  .chain(
                      doses -> {
                        var initial =
                            doses.stream().filter(d -> !d.supplemental).findFirst().orElse(null);
                        if (supplemental && doses.stream().anyMatch(d -> d.supplemental)) {
                          throw rule(
                              "SES-0422-DOSE",
                              "A supplemental dose was already given in this session: only one");
                        }
                        SessionLifecycleService.requireMove(
                            session,
                            supplemental ? SessionStatus.SUPPLEMENTAL_DOSED : SessionStatus.DOSED);
                        return refuseOnKnownHold(session.participantCode)
                            .chain(() -> Participant.<Participant>findById(session.participantCode))
                            .map(
                                p -> {
                                  if (p != null && Participant.WITHDRAWN.equals(p.status)) {
                                    throw rule(
                                        "SES-0422-PARTICIPANT",
                                        "The dose is refused: participant "
                                            + p.participantCode
                                            + " has withdrawn");
                                  }
                                  return new DoseContext(session, p, initial, null, null);
                                });
                      });
            });
  }

  private static Uni<Void> refuseOnKnownHold(String participantCode) {
    return KnownDosingHold.<KnownDosingHold>list(
            "participantCode = ?1 and liftedAt is null order by placedAt", participantCode)
        .invoke(
            holds -> {
              if (!holds.isEmpty()) {
                var h = holds.get(0);
                throw rule(
                    "SES-0422-HOLD",
                    "Dosing hold " + h.holdId + " (" + h.cause + ") is active: " + h.reason);
              }
            })
        .replaceWithVoid();
  }

  private Uni<DoseContext> confirmParticipant(DoseContext ctx) {
    var code = ctx.session().participantCode;
    return CallerContext.resumeOn(directory.participant(code))
        .onFailure()
        .transform(
            failure -> {
              LOG.warnf("ParticipantDirectory gave no answer for %s: %s", code, failure.toString());
              return new ServiceUnavailable(
                  "SES-0503-DIRECTORY",
                  "The dose is refused: recruitment-service could not confirm the participant's"
                      + " status");
            })
        .map(
            record -> {
              if (!record.getFound() || !DOSABLE.contains(record.getStatus())) {
                throw rule(
                    "SES-0422-PARTICIPANT",
                    "The dose is refused: participant "
                        + code
                        + " is "
                        + (record.getFound() ? record.getStatus().name() : "unknown")
                        + " at recruitment-service, not RANDOMIZED or IN_TREATMENT");
              }
              return ctx.with(record);
            });
  }

  private Uni<Void> confirmClearance(DoseContext ctx) {
    var s = ctx.session();
    return CallerContext.resumeOn(gate.check(s.participantCode, s.trialId))
        .onFailure()
        .transform(
            failure -> {
              LOG.warnf(
                  "SafetyGate gave no answer for %s: %s", s.participantCode, failure.toString());
              return new ServiceUnavailable(
                  "SES-0503",
                  "The dose is refused: safety-service could not confirm dosing clearance");
            })
        .invoke(
            clearance -> {
              if (!clearance.getCleared()) {
                throw rule(
                    "SES-0422-CLEARANCE",
                    "The dose is refused: safety-service does not clear dosing: "
                        + String.join("; ", clearance.getReasonsList()));
              }
            })
        .replaceWithVoid();
  }

  private Uni<DoseContext> regimen(DoseContext ctx) {
    var trialId = ctx.session().trialId;
    return CallerContext.resumeOn(directory.protocol(trialId))
        .onFailure()
        .transform(
            failure ->
                new ServiceUnavailable(
                    "SES-0503-DIRECTORY",
                    "The dose is refused: the trial's dosing regimen could not be read"))
        .map(protocol -> ctx.with(DoseRegimen.of(protocol)));
  }

  private Uni<DoseView> write(
      DoseContext ctx,
      DoseRequest request,
      boolean supplemental,
      Instant administeredAt,
      Set<String> sites,
      Actor actor) {
    var expected = ctx.session().status;
    return SessionLifecycleService.locked(ctx.session().id, sites)
        // A hold may have arrived while the remote checks ran: look again inside the transaction.
        .call(session -> refuseOnKnownHold(session.participantCode))
        .chain(
            session -> {
              // Someone may have moved the session while the checks ran.
              if (session.status != expected) {
                throw new Conflict(
                    "SES-0409", "Session " + session.id + " is now " + session.status);
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
              dose.recordedBy = actor.subject();
              dose.recordedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
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
                                  actor,
                                  "Dose",
                                  dose.id.toString(),
                                  "CREATE",
                                  null,
                                  DoseView.of(dose),
                                  null,
                                  dose.trialId,
                                  dose.participantCode)))
                  .call(
                      () ->
                          lifecycle.move(
                              session,
                              supplemental ? SessionStatus.SUPPLEMENTAL_DOSED : SessionStatus.DOSED,
                              null,
                              actor))
                  .call(
                      () ->
                          accountability.dispense(
                              dose.siteCode,
                              dose.kitCode,
                              dose.mgHcl,
                              dose.id,
                              dose.trialId,
                              dose.participantCode,
                              actor))
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
                  .replaceWith(() -> DoseView.of(dose));
            });
  }

  private static String kitCode(DoseContext ctx) {
    if (ctx.participant() != null
        && ctx.participant().kitCode != null
        && !ctx.participant().kitCode.isBlank()) {
      return ctx.participant().kitCode;
    }
    var fromDirectory = ctx.record().getKitCode();
    if (fromDirectory.isBlank()) {
      throw rule("SES-0422-DOSE", "The participant has no kit code: nothing can be dispensed");
    }
    return fromDirectory;
  }

  @WithSession
  public Uni<List<DoseView>> doses(UUID id, Set<String> sites) {
    return ProtocolSession.<ProtocolSession>findById(id)
        .map(s -> SessionLifecycleService.visible(s, id, sites))
        .chain(s -> Dose.<Dose>list("sessionId = ?1 order by administeredAt", s.id))
        .map(all -> all.stream().map(DoseView::of).toList());
  }

  private static RuleViolation rule(String code, String detail) {
    return new RuleViolation(code, detail);
  }
}

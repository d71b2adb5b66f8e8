package org.mdmaat.session.dosing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.SessionCompleted;
import org.mdmaat.contracts.events.Topics;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;
import org.mdmaat.platform.directory.ParticipantDirectoryClient;
import org.mdmaat.platform.outbox.Outbox;
import org.mdmaat.platform.problem.Violation;
import org.mdmaat.platform.reactive.CallerContext;
import org.mdmaat.platform.security.Scope;
import org.mdmaat.session.Problems;
import org.mdmaat.session.schedule.ProtocolSession;
import org.mdmaat.session.schedule.ScheduleService;
import org.mdmaat.session.schedule.SessionKind;
import org.mdmaat.session.schedule.SessionStatus;
import org.mdmaat.session.schedule.SessionView;

/**
 * Moves sessions through their lifecycle (see {@link SessionStatus}): check-in, the pre-dose
 * checklist, monitoring, completion, abort. Doses are recorded by {@link DosingService}. An illegal
 * transition is a 409; a broken rule (failed checklist item, session not booked) a 422.
 */
@ApplicationScoped
public class SessionLifecycleService {

  private final PreDoseLimits limits;
  private final ParticipantDirectoryClient directory;
  private final AuditTrail audit;
  private final Outbox outbox;
  private final ObjectMapper json;

  SessionLifecycleService(
      PreDoseLimits limits,
      ParticipantDirectoryClient directory,
      AuditTrail audit,
      Outbox outbox,
      ObjectMapper json) {
    this.limits = limits;
    this.directory = directory;
    this.audit = audit;
    this.outbox = outbox;
    this.json = json;
  }

  @WithSession
  public Uni<SessionView> get(UUID id, Scope scope) {
    return ProtocolSession.<ProtocolSession>findById(id)
        .map(s -> visible(s, id, scope))
        .map(SessionView::of);
  }

  @WithTransaction
  public Uni<SessionView> checkIn(UUID id, Scope scope) {
    return locked(id, scope)
        .invoke(
            s -> {
              requireMove(s, SessionStatus.CHECKED_IN);
              if (s.kind != SessionKind.FOLLOW_UP_CONTACT && s.startsAt == null) {
                throw Problems.NOT_BOOKED.problem(
                    "Session " + id + " is not booked: book it first");
              }
              if (s.dosing() && s.therapistList().size() < 2) {
                throw Problems.NOT_BOOKED.problem("A dosing session needs two booked therapists");
              }
            })
        .chain(s -> move(s, SessionStatus.CHECKED_IN, null, scope.actor()));
  }

  /**
   * Records a passed checklist; any failed item is refused (422) naming it, and nothing stored. A
   * pregnancy test "not applicable" is accepted only for a participant recruitment-service records
   * as not of childbearing potential (asked before the transaction; no answer is a 503).
   */
  public Uni<SessionView> preDoseChecks(UUID id, PreDoseChecklist checklist, Scope scope) {
    Uni<Void> pregnancy =
        checklist.pregnancyTest() == PreDoseChecklist.PregnancyTest.NOT_APPLICABLE
            ? notOfChildbearingPotential(id, scope)
            : Uni.createFrom().voidItem();
    return pregnancy.chain(() -> Panache.withTransaction(() -> storeChecks(id, checklist, scope)));
  }

  private Uni<Void> notOfChildbearingPotential(UUID id, Scope scope) {
    return Panache.withSession(
            () -> ProtocolSession.<ProtocolSession>findById(id).map(s -> visible(s, id, scope)))
        .chain(
            s ->
                CallerContext.resumeOn(directory.participant(s.participantCode))
                    .onFailure()
                    .transform(
                        failure ->
                            Problems.DIRECTORY_UNAVAILABLE.problem(
                                "The pre-dose checks cannot be recorded: recruitment-service could"
                                    + " not confirm the participant's childbearing potential")))
        .invoke(
            record -> {
              if (!(record.getFound()
                  && record.hasChildbearingPotential()
                  && !record.getChildbearingPotential())) {
                throw Problems.PRE_DOSE_FAILED.problem(
                    "Pre-dose checks failed: pregnancyTest",
                    List.of(
                        new Violation(
                            "pregnancyTest",
                            "NOT_APPLICABLE only for a participant recorded as not of"
                                + " childbearing potential: a negative test is needed")));
              }
            })
        .replaceWithVoid();
  }

  private Uni<SessionView> storeChecks(UUID id, PreDoseChecklist checklist, Scope scope) {
    return locked(id, scope)
        .invoke(
            s -> {
              requireMove(s, SessionStatus.PRE_DOSE_CHECKS_PASSED);
              var failed = failedItems(checklist);
              if (!failed.isEmpty()) {
                throw Problems.PRE_DOSE_FAILED.problem(
                    "Pre-dose checks failed: "
                        + String.join(", ", failed.stream().map(Violation::field).toList()),
                    failed);
              }
            })
        .call(
            s -> {
              var check = new PreDoseCheck();
              check.sessionId = s.id;
              check.abstinenceAttested = checklist.abstinenceAttested();
              check.pregnancyTest = checklist.pregnancyTest().name();
              check.systolic = checklist.systolic();
              check.diastolic = checklist.diastolic();
              check.heartRate = checklist.heartRate();
              check.temperatureC = checklist.temperatureC();
              check.cssrsNegative = checklist.cssrsScreen() == PreDoseChecklist.Screen.NEGATIVE;
              check.consentCurrent = checklist.consentCurrent();
              check.checkedBy = scope.actor().subject();
              check.checkedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
              return check
                  .persist()
                  .call(
                      () ->
                          audit.record(
                              new AuditEvent(
                                  scope.actor(),
                                  "PreDoseCheck",
                                  s.id.toString(),
                                  "CREATE",
                                  null,
                                  checklist,
                                  null,
                                  s.trialId,
                                  s.participantCode)));
            })
        .chain(s -> move(s, SessionStatus.PRE_DOSE_CHECKS_PASSED, null, scope.actor()));
  }

  List<Violation> failedItems(PreDoseChecklist c) {
    var failed = new ArrayList<Violation>();
    if (!c.abstinenceAttested()) {
      failed.add(
          new Violation(
              "abstinenceAttested",
              "24 h without caffeine, alcohol and other drugs is not attested"));
    }
    if (c.pregnancyTest() == PreDoseChecklist.PregnancyTest.POSITIVE) {
      failed.add(new Violation("pregnancyTest", "the pregnancy test is positive"));
    }
    if (c.systolic() >= limits.systolicBelow()) {
      failed.add(new Violation("systolic", "must be below " + limits.systolicBelow() + " mmHg"));
    }
    if (c.diastolic() >= limits.diastolicBelow()) {
      failed.add(new Violation("diastolic", "must be below " + limits.diastolicBelow() + " mmHg"));
    }
    if (c.heartRate() >= limits.heartRateBelow()) {
      failed.add(new Violation("heartRate", "must be below " + limits.heartRateBelow() + " bpm"));
    }
    if (c.temperatureC().compareTo(limits.temperatureBelow()) >= 0) {
      failed.add(
          new Violation(
              "temperatureC",
              "must be below " + limits.temperatureBelow().toPlainString() + " °C"));
    }
    if (c.cssrsScreen() != PreDoseChecklist.Screen.NEGATIVE) {
      failed.add(new Violation("cssrsScreen", "the C-SSRS screen is positive"));
    }
    if (!c.consentCurrent()) {
      failed.add(new Violation("consentCurrent", "consent is not current"));
    }
    return failed;
  }

  @WithTransaction
  public Uni<SessionView> monitoring(UUID id, Scope scope) {
    return locked(id, scope)
        .invoke(s -> requireMove(s, SessionStatus.MONITORING))
        .chain(s -> move(s, SessionStatus.MONITORING, null, scope.actor()));
  }

  /** Completes a session and announces it (SessionCompleted starts the follow-up contacts). */
  @WithTransaction
  public Uni<SessionView> complete(UUID id, Scope scope) {
    return locked(id, scope)
        .invoke(s -> requireMove(s, SessionStatus.COMPLETED))
        .chain(
            s -> {
              var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
              var payload =
                  new SessionCompleted(
                      s.id.toString(),
                      s.participantCode,
                      s.trialId,
                      s.siteCode,
                      s.kind.name(),
                      s.number,
                      now);
              return move(s, SessionStatus.COMPLETED, null, scope.actor())
                  .call(
                      () ->
                          outbox.publish(
                              Topics.SESSIONS,
                              s.participantCode,
                              EventEnvelope.of(
                                  EventTypes.SESSION_COMPLETED,
                                  ScheduleService.SOURCE,
                                  s.trialId,
                                  s.participantCode,
                                  json.valueToTree(payload))));
            });
  }

  @WithTransaction
  public Uni<SessionView> abort(UUID id, String reason, Scope scope) {
    return locked(id, scope)
        .invoke(s -> requireMove(s, SessionStatus.ABORTED))
        .chain(s -> move(s, SessionStatus.ABORTED, reason, scope.actor()));
  }

  static ProtocolSession visible(ProtocolSession s, UUID id, Scope scope) {
    if (s == null || !scope.worksAt(s.siteCode)) {
      throw Problems.NOT_FOUND.problem("No session " + id);
    }
    return s;
  }

  static Uni<ProtocolSession> locked(UUID id, Scope scope) {
    return ProtocolSession.<ProtocolSession>findById(id, LockModeType.PESSIMISTIC_WRITE)
        .map(s -> visible(s, id, scope));
  }

  static void requireMove(ProtocolSession s, SessionStatus next) {
    if (!s.status.allows(s.kind, next)) {
      throw Problems.ILLEGAL_TRANSITION.problem(
          "A " + s.kind + " session cannot go from " + s.status + " to " + next);
    }
  }

  /** Changes the status and audits it, in the caller's transaction. */
  Uni<SessionView> move(ProtocolSession s, SessionStatus next, String reason, Actor actor) {
    var before = SessionView.of(s);
    s.status = next;
    if (reason != null) {
      s.statusReason = reason;
    }
    s.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    var after = SessionView.of(s);
    return audit
        .record(
            new AuditEvent(
                actor,
                "ProtocolSession",
                s.id.toString(),
                "TRANSITION",
                before,
                after,
                reason,
                s.trialId,
                s.participantCode))
        .replaceWith(after);
  }
}

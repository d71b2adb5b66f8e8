package org.mdmaat.session.dosing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.ProtocolDeviationRecorded;
import org.mdmaat.contracts.events.Topics;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;
import org.mdmaat.platform.outbox.Outbox;
import org.mdmaat.session.Problems;
import org.mdmaat.session.booking.DeviationView;
import org.mdmaat.session.booking.ProtocolDeviation;
import org.mdmaat.session.schedule.ProtocolSession;
import org.mdmaat.session.schedule.ScheduleService;
import org.mdmaat.session.schedule.SessionStatus;

/**
 * Signed deviations recorded before a dose that breaks the sequence or spacing of experimental
 * sessions. Only before the session's first dose; one per category and session (409 otherwise).
 */
@ApplicationScoped
public class DoseDeviationService {
  private static final Set<SessionStatus> BEFORE_DOSE =
      EnumSet.of(
          SessionStatus.SCHEDULED, SessionStatus.CHECKED_IN, SessionStatus.PRE_DOSE_CHECKS_PASSED);

  private final AuditTrail audit;
  private final Outbox outbox;
  private final ObjectMapper json;

  DoseDeviationService(AuditTrail audit, Outbox outbox, ObjectMapper json) {
    this.audit = audit;
    this.outbox = outbox;
    this.json = json;
  }

  @WithTransaction
  public Uni<DeviationView> record(
      UUID id, DoseDeviationRequest request, Set<String> sites, Actor actor) {
    var category = request.category().name();
    return SessionLifecycleService.locked(id, sites)
        .invoke(
            s -> {
              if (!s.dosing()) {
                throw Problems.ILLEGAL_TRANSITION.problem("A " + s.kind + " session has no doses");
              }
              if (!BEFORE_DOSE.contains(s.status)) {
                throw Problems.ILLEGAL_TRANSITION.problem(
                    "Session "
                        + id
                        + " is "
                        + s.status
                        + ": a dose deviation comes before the dose");
              }
            })
        .call(
            s ->
                ProtocolDeviation.count("sessionId = ?1 and category = ?2", s.id, category)
                    .invoke(
                        n -> {
                          if (n > 0) {
                            throw Problems.DEVIATION_RECORDED.problem(
                                "A "
                                    + category
                                    + " deviation is already recorded for session "
                                    + id);
                          }
                        }))
        .chain(s -> store(s, request, actor));
  }

  private Uni<DeviationView> store(ProtocolSession s, DoseDeviationRequest request, Actor actor) {
    var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    var d = new ProtocolDeviation();
    d.id = UUID.randomUUID();
    d.sessionId = s.id;
    d.participantCode = s.participantCode;
    d.trialId = s.trialId;
    d.siteCode = s.siteCode;
    d.category = request.category().name();
    d.reason = request.reason().trim() + " (EXPERIMENTAL " + s.number + ")";
    d.recordedBy = actor.subject();
    d.recordedAt = now;
    d.signedBy = actor.subject();
    d.printedName = request.signature().printedName().trim();
    d.signatureMeaning = request.signature().meaning().name();
    d.signedAt = now;
    var view = DeviationView.of(d);
    var payload =
        new ProtocolDeviationRecorded(
            d.id.toString(), d.participantCode, d.trialId, d.siteCode, d.category, d.reason, now);
    return d.persist()
        .call(
            () ->
                audit.record(
                    new AuditEvent(
                        actor,
                        "ProtocolDeviation",
                        d.id.toString(),
                        "CREATE",
                        null,
                        view,
                        request.reason().trim(),
                        d.trialId,
                        d.participantCode)))
        .call(
            () ->
                outbox.publish(
                    Topics.SESSIONS,
                    d.participantCode,
                    EventEnvelope.of(
                        EventTypes.PROTOCOL_DEVIATION_RECORDED,
                        ScheduleService.SOURCE,
                        d.trialId,
                        d.participantCode,
                        json.valueToTree(payload))))
        .replaceWith(view);
  }
}

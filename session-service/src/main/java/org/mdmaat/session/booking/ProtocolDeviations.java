package org.mdmaat.session.booking;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.ProtocolDeviationRecorded;
import org.mdmaat.contracts.events.Topics;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;
import org.mdmaat.platform.outbox.Outbox;
import org.mdmaat.session.schedule.ProtocolSession;
import org.mdmaat.session.schedule.ScheduleService;

/**
 * The one way a protocol deviation is written, whoever records it (a booking outside its window, an
 * investigator's signed dose deviation): stored, audited and announced (ProtocolDeviationRecorded),
 * in the caller's transaction.
 */
@ApplicationScoped
public class ProtocolDeviations {
  private final AuditTrail audit;
  private final Outbox outbox;
  private final ObjectMapper json;

  ProtocolDeviations(AuditTrail audit, Outbox outbox, ObjectMapper json) {
    this.audit = audit;
    this.outbox = outbox;
    this.json = json;
  }

  /**
   * A new, unsigned deviation of {@code session}; the caller may sign it before {@link #record}.
   */
  public static ProtocolDeviation of(
      ProtocolSession session, String category, String reason, Actor actor, Instant at) {
    var d = new ProtocolDeviation();
    d.id = UUID.randomUUID();
    d.sessionId = session.id;
    d.participantCode = session.participantCode;
    d.trialId = session.trialId;
    d.siteCode = session.siteCode;
    d.category = category;
    d.reason = reason;
    d.recordedBy = actor.subject();
    d.recordedAt = at;
    return d;
  }

  /** Stores {@code d}, audits it with {@code why} and announces it. */
  public Uni<DeviationView> record(ProtocolDeviation d, String why, Actor actor) {
    var view = DeviationView.of(d);
    var payload =
        new ProtocolDeviationRecorded(
            d.id.toString(),
            d.participantCode,
            d.trialId,
            d.siteCode,
            d.category,
            d.reason,
            d.recordedAt);
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
                        why,
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

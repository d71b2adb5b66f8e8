package org.mdmaat.safety.hold;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.mdmaat.contracts.events.DosingHoldPlaced;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.Topics;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;
import org.mdmaat.platform.outbox.Outbox;
import org.mdmaat.platform.problem.NotFound;

/**
 * Places holds. The hold, its audit entry and its DosingHoldPlaced event are written in one
 * transaction: session-service learns of every hold, and of none that was not stored.
 */
@ApplicationScoped
public class DosingHoldService {
  static final String SOURCE = "safety-service";

  private final DosingHoldRepository holds;
  private final AuditTrail audit;
  private final Outbox outbox;
  private final ObjectMapper json;

  DosingHoldService(
      DosingHoldRepository holds, AuditTrail audit, Outbox outbox, ObjectMapper json) {
    this.holds = holds;
    this.audit = audit;
    this.outbox = outbox;
    this.json = json;
  }

  @WithTransaction
  public Uni<DosingHold> place(PlaceHoldRequest request, HoldCause cause, Actor actor) {
    var hold = new DosingHold();
    hold.id = UUID.randomUUID();
    hold.participantCode = request.participantCode();
    hold.trialId = request.trialId();
    hold.siteCode = request.siteCode();
    hold.cause = cause;
    hold.reason = request.reason();
    hold.placedBy = actor.subject();
    hold.placedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);

    var placed =
        new DosingHoldPlaced(
            hold.id.toString(),
            hold.participantCode,
            hold.trialId,
            hold.siteCode,
            cause.name(),
            hold.reason,
            hold.placedAt);
    var event =
        EventEnvelope.of(
            EventTypes.DOSING_HOLD_PLACED,
            SOURCE,
            hold.trialId,
            hold.participantCode,
            json.valueToTree(placed));

    return holds
        .persist(hold)
        .call(
            () ->
                audit.record(
                    new AuditEvent(
                        actor,
                        "DosingHold",
                        hold.id.toString(),
                        "CREATE",
                        null,
                        DosingHoldView.of(hold),
                        hold.reason,
                        hold.trialId,
                        hold.participantCode)))
        .call(() -> outbox.publish(Topics.DOSING_HOLDS, hold.participantCode, event));
  }

  @WithSession
  public Uni<DosingHold> get(UUID id) {
    return holds
        .findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> new NotFound("SAF-0404", "No dosing hold " + id));
  }

  @WithSession
  public Uni<List<DosingHold>> activeFor(String participantCode) {
    return holds.activeFor(participantCode);
  }

  @WithSession
  public Uni<HoldPage> atSite(String siteCode, String participantCode, int page, int size) {
    return holds
        .atSite(siteCode, participantCode, page, size)
        .flatMap(
            items ->
                holds
                    .countAtSite(siteCode, participantCode)
                    .map(
                        total ->
                            new HoldPage(
                                items.stream().map(DosingHoldView::of).toList(),
                                page,
                                size,
                                total)));
  }

  /** One page of holds at a site. */
  public record HoldPage(List<DosingHoldView> items, int page, int size, long total) {}
}

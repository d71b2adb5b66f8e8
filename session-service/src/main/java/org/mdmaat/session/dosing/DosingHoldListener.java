package org.mdmaat.session.dosing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.mdmaat.contracts.events.DosingHoldLifted;
import org.mdmaat.contracts.events.DosingHoldPlaced;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;
import org.mdmaat.platform.inbox.Inbox;

/**
 * Keeps session-service's copy of dosing holds. Each event is applied once (the inbox records its
 * id in the same transaction); one that cannot be read goes to the dead-letter topic.
 */
@ApplicationScoped
public class DosingHoldListener {
  static final String CONSUMER = "session.dosing-holds";
  private static final Logger LOG = Logger.getLogger(DosingHoldListener.class);
  private static final Actor SYSTEM = Actor.system("session-service");

  private final Inbox inbox;
  private final AuditTrail audit;
  private final ObjectMapper json;

  DosingHoldListener(Inbox inbox, AuditTrail audit, ObjectMapper json) {
    this.inbox = inbox;
    this.audit = audit;
    this.json = json;
  }

  @Incoming("dosing-holds")
  public Uni<Void> on(String payload) {
    EventEnvelope event = inbox.parse(payload);
    return Panache.withTransaction(() -> inbox.processOnce(CONSUMER, event, () -> apply(event)))
        .invoke(applied -> LOG.debugf("event %s applied=%s", event.id(), applied))
        .replaceWithVoid();
  }

  private Uni<Void> apply(EventEnvelope event) {
    return switch (event.type()) {
      case EventTypes.DOSING_HOLD_PLACED -> placed(read(event, DosingHoldPlaced.class));
      case EventTypes.DOSING_HOLD_LIFTED -> lifted(read(event, DosingHoldLifted.class));
      default -> Uni.createFrom().voidItem(); // other types on the topic are not ours to apply
    };
  }

  private Uni<Void> placed(DosingHoldPlaced placed) {
    var hold = new KnownDosingHold();
    hold.holdId = UUID.fromString(placed.holdId());
    hold.participantCode = placed.participantCode();
    hold.trialId = placed.trialId();
    hold.siteCode = placed.siteCode();
    hold.cause = placed.cause();
    hold.reason = placed.reason();
    hold.placedAt = placed.placedAt();
    return hold.persist()
        .call(
            () ->
                audit.record(
                    new AuditEvent(
                        SYSTEM,
                        "DosingHold",
                        placed.holdId(),
                        "CREATE",
                        null,
                        placed,
                        "DosingHoldPlaced from safety-service",
                        placed.trialId(),
                        placed.participantCode())))
        .replaceWithVoid();
  }

  private Uni<Void> lifted(DosingHoldLifted lifted) {
    return KnownDosingHold.<KnownDosingHold>findById(UUID.fromString(lifted.holdId()))
        .onItem()
        .ifNull()
        .failWith(() -> new IllegalStateException("lift of unknown hold " + lifted.holdId()))
        .flatMap(
            hold -> {
              hold.liftedAt = lifted.liftedAt();
              hold.liftReason = lifted.reason();
              return audit.record(
                  new AuditEvent(
                      SYSTEM,
                      "DosingHold",
                      lifted.holdId(),
                      "UPDATE",
                      null,
                      lifted,
                      "DosingHoldLifted from safety-service",
                      lifted.trialId(),
                      lifted.participantCode()));
            })
        .replaceWithVoid();
  }

  private <T> T read(EventEnvelope event, Class<T> type) {
    try {
      return json.treeToValue(event.data(), type);
    } catch (Exception e) {
      throw new IllegalArgumentException(
          "event " + event.id() + " has no valid " + type.getSimpleName(), e);
    }
  }
}

package org.mdmaat.session.dosing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.mdmaat.contracts.events.DosingHoldLifted;
import org.mdmaat.contracts.events.DosingHoldPlaced;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.Topics;
import org.mdmaat.platform.inbox.Inbox;

/**
 * Hands safety-service's hold events to {@link KnownDosingHolds}. Each event is applied once (the
 * inbox records its id in the same transaction); one that cannot be read goes to the dead-letter
 * topic.
 */
@ApplicationScoped
public class DosingHoldListener {
  static final String CONSUMER = "session.dosing-holds";
  private static final Logger LOG = Logger.getLogger(DosingHoldListener.class);

  private final Inbox inbox;
  private final KnownDosingHolds holds;
  private final ObjectMapper json;

  DosingHoldListener(Inbox inbox, KnownDosingHolds holds, ObjectMapper json) {
    this.inbox = inbox;
    this.holds = holds;
    this.json = json;
  }

  @Incoming("dosing-holds")
  public Uni<Void> on(String payload) {
    EventEnvelope event = inbox.parse(payload, Topics.DOSING_HOLDS);
    return inbox
        .applyOnce(CONSUMER, Topics.DOSING_HOLDS, event, () -> apply(event))
        .invoke(applied -> LOG.debugf("event %s applied=%s", event.id(), applied))
        .replaceWithVoid();
  }

  private Uni<Void> apply(EventEnvelope event) {
    return switch (event.type()) {
      case EventTypes.DOSING_HOLD_PLACED -> holds.placed(read(event, DosingHoldPlaced.class));
      case EventTypes.DOSING_HOLD_LIFTED -> holds.lifted(read(event, DosingHoldLifted.class));
      default -> Uni.createFrom().voidItem(); // other types on the topic are not ours to apply
    };
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

package org.mdmaat.session.trial;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.Topics;
import org.mdmaat.contracts.events.TrialStatusChanged;
import org.mdmaat.platform.inbox.Inbox;

/**
 * Follows trials' recruitment status, so the dose's own transaction can refuse a trial that was
 * suspended or ended after the remote checks ran. Each event applied once (inbox); an unreadable
 * one goes to the dead-letter topic.
 */
@ApplicationScoped
public class TrialEventsListener {
  static final String CONSUMER = "session.trials";
  private static final Logger LOG = Logger.getLogger(TrialEventsListener.class);

  private final Inbox inbox;
  private final TrialStatusService trials;
  private final ObjectMapper json;

  TrialEventsListener(Inbox inbox, TrialStatusService trials, ObjectMapper json) {
    this.inbox = inbox;
    this.trials = trials;
    this.json = json;
  }

  @Incoming("trials")
  public Uni<Void> on(String payload) {
    EventEnvelope event = inbox.parse(payload, Topics.TRIALS);
    if (!EventTypes.TRIAL_STATUS_CHANGED.equals(event.type())) {
      return Uni.createFrom().voidItem(); // unblinding and the like are not ours to apply
    }
    TrialStatusChanged changed;
    try {
      changed = json.treeToValue(event.data(), TrialStatusChanged.class);
    } catch (Exception e) {
      throw new IllegalArgumentException(
          "event " + event.id() + " has no valid TrialStatusChanged", e);
    }
    if (changed.trialId() == null
        || changed.trialId().isBlank()
        || changed.status() == null
        || changed.status().isBlank()
        || changed.changedAt() == null) {
      throw new IllegalArgumentException(
          "event " + event.id() + " lacks trialId, status or changedAt");
    }
    return inbox
        .applyOnce(CONSUMER, Topics.TRIALS, event, () -> trials.changed(changed))
        .invoke(applied -> LOG.debugf("event %s applied=%s", event.id(), applied))
        .replaceWithVoid();
  }
}

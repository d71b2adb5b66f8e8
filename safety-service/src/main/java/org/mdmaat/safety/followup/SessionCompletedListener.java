package org.mdmaat.safety.followup;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.SessionCompleted;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.inbox.Inbox;

/**
 * Starts the daily follow-up contacts when session-service reports a dosing session completed. Each
 * event applies once (inbox); one that cannot be read goes to the dead-letter topic.
 */
@ApplicationScoped
public class SessionCompletedListener {
  static final String CONSUMER = "safety.session-follow-up";
  private static final Logger LOG = Logger.getLogger(SessionCompletedListener.class);
  private static final Actor SYSTEM = Actor.system("safety-service");

  /** Session kinds that include a dose; session-service's naming is not fixed by contract. */
  static final Set<String> DOSING_KINDS = Set.of("EXPERIMENTAL", "DOSING");

  private final Inbox inbox;
  private final FollowUpService followUps;
  private final ObjectMapper json;

  SessionCompletedListener(Inbox inbox, FollowUpService followUps, ObjectMapper json) {
    this.inbox = inbox;
    this.followUps = followUps;
    this.json = json;
  }

  @Incoming("sessions")
  public Uni<Void> on(String payload) {
    EventEnvelope event = inbox.parse(payload);
    if (!EventTypes.SESSION_COMPLETED.equals(event.type())) {
      return Uni.createFrom().voidItem(); // other session events are not ours to apply
    }
    var completed = read(event);
    return Panache.withTransaction(() -> inbox.processOnce(CONSUMER, event, () -> apply(completed)))
        .invoke(applied -> LOG.debugf("event %s applied=%s", event.id(), applied))
        .replaceWithVoid();
  }

  private Uni<Void> apply(SessionCompleted completed) {
    if (completed.kind() == null
        || !DOSING_KINDS.contains(completed.kind().toUpperCase(Locale.ROOT))) {
      return Uni.createFrom().voidItem();
    }
    return followUps.schedule(completed, SYSTEM);
  }

  private SessionCompleted read(EventEnvelope event) {
    SessionCompleted completed;
    try {
      completed = json.treeToValue(event.data(), SessionCompleted.class);
    } catch (Exception e) {
      throw new IllegalArgumentException(
          "event " + event.id() + " has no valid SessionCompleted", e);
    }
    if (completed.sessionId() == null
        || completed.participantCode() == null
        || completed.siteCode() == null
        || completed.trialId() == null
        || completed.completedAt() == null) {
      throw new IllegalArgumentException("event " + event.id() + " lacks session facts");
    }
    return completed;
  }
}

package org.mdmaat.recruitment.trial;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.Topics;
import org.mdmaat.contracts.events.TrialEnrollmentPaused;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.inbox.Inbox;

/**
 * Suspends a trial when safety-service's stopping rule pauses enrollment. Applied once per event
 * (inbox); an unreadable message, or one for a trial unknown here, goes to the dead-letter topic.
 * Other event types on the topic are not ours and are skipped.
 */
@ApplicationScoped
public class EnrollmentPauseListener {
  static final String CONSUMER = "recruitment.safety-signals";
  private static final Logger LOG = Logger.getLogger(EnrollmentPauseListener.class);
  private static final Actor SYSTEM = Actor.system(TrialService.SOURCE);

  private final Inbox inbox;
  private final TrialService trials;
  private final ObjectMapper json;

  EnrollmentPauseListener(Inbox inbox, TrialService trials, ObjectMapper json) {
    this.inbox = inbox;
    this.trials = trials;
    this.json = json;
  }

  @Incoming("safety-signals")
  public Uni<Void> on(String payload) {
    EventEnvelope event = inbox.parse(payload, Topics.SAFETY_SIGNALS);
    if (!EventTypes.TRIAL_ENROLLMENT_PAUSED.equals(event.type())) {
      return Uni.createFrom().voidItem();
    }
    var paused = read(event);
    return inbox
        .applyOnce(
            CONSUMER,
            Topics.SAFETY_SIGNALS,
            event,
            () ->
                trials
                    .suspendForSafety(
                        paused.trialId(),
                        "Enrollment paused by safety-service (rule "
                            + paused.rule()
                            + "): "
                            + paused.reason(),
                        SYSTEM)
                    .invoke(
                        changed ->
                            LOG.infof(
                                "trial %s enrollment pause %s: suspended=%s",
                                paused.trialId(), event.id(), changed))
                    .replaceWithVoid())
        .replaceWithVoid();
  }

  private TrialEnrollmentPaused read(EventEnvelope event) {
    try {
      var paused = json.treeToValue(event.data(), TrialEnrollmentPaused.class);
      if (paused == null || paused.trialId() == null || paused.trialId().isBlank()) {
        throw new IllegalArgumentException("event " + event.id() + " names no trial");
      }
      return paused;
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalArgumentException(
          "event " + event.id() + " has no valid TrialEnrollmentPaused", e);
    }
  }
}

package org.mdmaat.recruitment.trial;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.Topics;
import org.mdmaat.contracts.events.TrialDataLocked;
import org.mdmaat.contracts.events.TrialDataUnlocked;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.inbox.Inbox;

/**
 * Keeps each trial's copy of outcomes-service's database lock, which whole-trial unblinding on the
 * grounds of the lock needs. Applied once per event (inbox); only outcomes-service may announce it
 * (the inbox refuses other sources); a message for an unknown trial goes to the dead-letter topic.
 */
@ApplicationScoped
public class DataLockListener {
  static final String CONSUMER = "recruitment.data-locks";
  private static final Logger LOG = Logger.getLogger(DataLockListener.class);
  private static final Actor OUTCOMES = Actor.system("outcomes-service");

  private final Inbox inbox;
  private final TrialService trials;
  private final ObjectMapper json;

  DataLockListener(Inbox inbox, TrialService trials, ObjectMapper json) {
    this.inbox = inbox;
    this.trials = trials;
    this.json = json;
  }

  private record Change(String trialId, boolean locked, Instant at, String by, String reason) {}

  @Incoming("data-locks")
  public Uni<Void> on(String payload) {
    EventEnvelope event = inbox.parse(payload, Topics.DATA_LOCKS);
    var change = read(event);
    if (change == null) {
      return Uni.createFrom().voidItem();
    }
    return inbox
        .applyOnce(
            CONSUMER,
            Topics.DATA_LOCKS,
            event,
            () ->
                trials
                    .applyDataLock(
                        change.trialId(),
                        change.locked(),
                        change.at(),
                        (change.locked() ? "Outcome data locked by " : "Unlocked by ")
                            + change.by()
                            + ": "
                            + change.reason(),
                        OUTCOMES)
                    .invoke(
                        applied ->
                            LOG.infof(
                                "trial %s data %s (%s): applied=%s",
                                change.trialId(),
                                change.locked() ? "locked" : "unlocked",
                                event.id(),
                                applied))
                    .replaceWithVoid())
        .replaceWithVoid();
  }

  private Change read(EventEnvelope event) {
    try {
      if (EventTypes.TRIAL_DATA_LOCKED.equals(event.type())) {
        var locked = json.treeToValue(event.data(), TrialDataLocked.class);
        return valid(
            event,
            new Change(
                locked.trialId(), true, locked.lockedAt(), locked.lockedBy(), locked.reason()));
      }
      if (EventTypes.TRIAL_DATA_UNLOCKED.equals(event.type())) {
        var unlocked = json.treeToValue(event.data(), TrialDataUnlocked.class);
        return valid(
            event,
            new Change(
                unlocked.trialId(),
                false,
                unlocked.unlockedAt(),
                unlocked.unlockedBy(),
                unlocked.reason()));
      }
      return null;
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalArgumentException("event " + event.id() + " is not a valid data lock", e);
    }
  }

  private static Change valid(EventEnvelope event, Change change) {
    if (change.trialId() == null || change.trialId().isBlank() || change.at() == null) {
      throw new IllegalArgumentException("event " + event.id() + " names no trial or time");
    }
    return change;
  }
}

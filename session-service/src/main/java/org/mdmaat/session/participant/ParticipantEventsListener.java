package org.mdmaat.session.participant;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.ParticipantRandomized;
import org.mdmaat.contracts.events.ParticipantWithdrawn;
import org.mdmaat.contracts.events.Topics;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.directory.ParticipantDirectoryClient;
import org.mdmaat.platform.inbox.Inbox;
import org.mdmaat.platform.reactive.CallerContext;
import org.mdmaat.session.schedule.ScheduleService;

/**
 * Follows recruitment-service's participants: a randomized participant gets their schedule from the
 * trial's visit template; a withdrawn one has their sessions not yet begun cancelled. Each event
 * applied once (inbox); other event types on the topic are skipped; an unreadable message, or one
 * whose trial settings cannot be read after retries or lack a setting the schedule needs, goes to
 * the dead-letter topic.
 */
@ApplicationScoped
public class ParticipantEventsListener {
  static final String CONSUMER = "session.participants";
  private static final Logger LOG = Logger.getLogger(ParticipantEventsListener.class);
  private static final Actor SYSTEM = Actor.system("session-service");

  private final Inbox inbox;
  private final ScheduleService schedules;
  private final ParticipantDirectoryClient directory;
  private final ObjectMapper json;

  ParticipantEventsListener(
      Inbox inbox,
      ScheduleService schedules,
      ParticipantDirectoryClient directory,
      ObjectMapper json) {
    this.inbox = inbox;
    this.schedules = schedules;
    this.directory = directory;
    this.json = json;
  }

  @Incoming("participants")
  public Uni<Void> on(String payload) {
    EventEnvelope event = inbox.parse(payload, Topics.PARTICIPANTS);
    return switch (event.type()) {
      case EventTypes.PARTICIPANT_RANDOMIZED -> randomized(event);
      case EventTypes.PARTICIPANT_WITHDRAWN -> {
        var withdrawn = read(event, ParticipantWithdrawn.class);
        yield inbox
            .applyOnce(
                CONSUMER, Topics.PARTICIPANTS, event, () -> schedules.withdrawn(withdrawn, SYSTEM))
            .replaceWithVoid();
      }
      default -> Uni.createFrom().voidItem(); // enrolments and the like are not ours to apply
    };
  }

  /**
   * The visit template is read before the transaction (a remote call does not belong inside one),
   * with a few retries: a schedule must come from the trial's own settings, never a guess.
   */
  public Uni<Void> randomized(EventEnvelope event) {
    var randomized = read(event, ParticipantRandomized.class);
    require(randomized.participantCode(), "participantCode", event);
    require(randomized.trialId(), "trialId", event);
    require(randomized.siteCode(), "siteCode", event);
    return CallerContext.resumeOn(
            Uni.createFrom()
                .deferred(() -> directory.protocol(randomized.trialId()))
                .onFailure()
                .retry()
                .withBackOff(Duration.ofMillis(500), Duration.ofSeconds(5))
                .atMost(5))
        .chain(
            protocol -> {
              // A trial without a complete visit template or site time zone gets no guessed
              // schedule: the event is dead-lettered, naming the missing setting.
              var plan = VisitPlan.of(protocol);
              var zone = TrialSettings.zone(protocol, randomized.siteCode());
              return inbox.applyOnce(
                  CONSUMER,
                  Topics.PARTICIPANTS,
                  event,
                  () -> schedules.randomized(randomized, plan, zone, SYSTEM));
            })
        .invoke(applied -> LOG.debugf("event %s applied=%s", event.id(), applied))
        .replaceWithVoid();
  }

  private static void require(String value, String field, EventEnvelope event) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("event " + event.id() + " has no " + field);
    }
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

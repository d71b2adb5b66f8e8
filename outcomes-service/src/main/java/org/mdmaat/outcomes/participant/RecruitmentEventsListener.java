package org.mdmaat.outcomes.participant;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.ParticipantEmergencyUnblinded;
import org.mdmaat.contracts.events.ParticipantEnrolled;
import org.mdmaat.contracts.events.ParticipantRandomized;
import org.mdmaat.contracts.events.ParticipantSubgroupsRecorded;
import org.mdmaat.contracts.events.ParticipantWithdrawn;
import org.mdmaat.contracts.events.Topics;
import org.mdmaat.contracts.events.TrialUnblinded;
import org.mdmaat.platform.inbox.Inbox;

/**
 * Hands recruitment-service's events to {@link ParticipantRecords}: ParticipantEnrolled,
 * ParticipantRandomized, ParticipantSubgroupsRecorded, ParticipantWithdrawn,
 * ParticipantEmergencyUnblinded, TrialUnblinded. Each event is applied once (inbox); other types on
 * the topics are ignored; a message that cannot be read goes to the dead-letter topic.
 */
@ApplicationScoped
public class RecruitmentEventsListener {
  static final String PARTICIPANTS_CONSUMER = "outcomes.participants";
  static final String TRIALS_CONSUMER = "outcomes.trials";

  private final Inbox inbox;
  private final ParticipantRecords records;
  private final ObjectMapper json;

  RecruitmentEventsListener(Inbox inbox, ParticipantRecords records, ObjectMapper json) {
    this.inbox = inbox;
    this.records = records;
    // Payloads may gain optional fields (contracts change only compatibly).
    this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  }

  @Incoming("participants")
  public Uni<Void> onParticipant(String payload) {
    EventEnvelope event = inbox.parse(payload, Topics.PARTICIPANTS);
    if (EventTypes.PARTICIPANT_ENROLLED.equals(event.type())) {
      var enrolled = read(event, ParticipantEnrolled.class);
      return once(
          PARTICIPANTS_CONSUMER, Topics.PARTICIPANTS, event, () -> records.enrolled(enrolled));
    }
    if (EventTypes.PARTICIPANT_RANDOMIZED.equals(event.type())) {
      var randomized = read(event, ParticipantRandomized.class);
      return once(
          PARTICIPANTS_CONSUMER, Topics.PARTICIPANTS, event, () -> records.randomized(randomized));
    }
    if (EventTypes.PARTICIPANT_SUBGROUPS_RECORDED.equals(event.type())) {
      var recorded = read(event, ParticipantSubgroupsRecorded.class);
      return once(
          PARTICIPANTS_CONSUMER, Topics.PARTICIPANTS, event, () -> records.subgroups(recorded));
    }
    if (EventTypes.PARTICIPANT_WITHDRAWN.equals(event.type())) {
      var withdrawn = read(event, ParticipantWithdrawn.class);
      return once(
          PARTICIPANTS_CONSUMER, Topics.PARTICIPANTS, event, () -> records.withdrawn(withdrawn));
    }
    if (EventTypes.PARTICIPANT_EMERGENCY_UNBLINDED.equals(event.type())) {
      var unblinded = read(event, ParticipantEmergencyUnblinded.class);
      return once(
          PARTICIPANTS_CONSUMER,
          Topics.PARTICIPANTS,
          event,
          () -> records.emergencyUnblinded(unblinded));
    }
    return Uni.createFrom().voidItem();
  }

  @Incoming("trials")
  public Uni<Void> onTrial(String payload) {
    EventEnvelope event = inbox.parse(payload, Topics.TRIALS);
    if (!EventTypes.TRIAL_UNBLINDED.equals(event.type())) {
      return Uni.createFrom().voidItem();
    }
    var unblinded = read(event, TrialUnblinded.class);
    return once(TRIALS_CONSUMER, Topics.TRIALS, event, () -> records.unblinded(unblinded));
  }

  private Uni<Void> once(
      String consumer, String topic, EventEnvelope event, Supplier<Uni<Void>> effect) {
    return inbox.applyOnce(consumer, topic, event, effect).replaceWithVoid();
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

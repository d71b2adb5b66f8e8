package org.mdmaat.outcomes.participant;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.mdmaat.contracts.events.DoseAdministered;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.Topics;
import org.mdmaat.platform.inbox.Inbox;

/**
 * Hands session-service's DoseAdministered to {@link ParticipantRecords}: the dosing dates the
 * timepoint windows count from. Applied once (inbox); other types on the topic are ignored; a
 * message that cannot be read goes to the dead-letter topic.
 */
@ApplicationScoped
public class SessionEventsListener {
  static final String SESSIONS_CONSUMER = "outcomes.sessions";

  private final Inbox inbox;
  private final ParticipantRecords records;
  private final ObjectMapper json;

  SessionEventsListener(Inbox inbox, ParticipantRecords records, ObjectMapper json) {
    this.inbox = inbox;
    this.records = records;
    // Payloads may gain optional fields (contracts change only compatibly).
    this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  }

  @Incoming("sessions")
  public Uni<Void> onSession(String payload) {
    EventEnvelope event = inbox.parse(payload, Topics.SESSIONS);
    if (!EventTypes.DOSE_ADMINISTERED.equals(event.type())) {
      return Uni.createFrom().voidItem();
    }
    DoseAdministered dose;
    try {
      dose = json.treeToValue(event.data(), DoseAdministered.class);
    } catch (Exception e) {
      throw new IllegalArgumentException(
          "event " + event.id() + " has no valid DoseAdministered", e);
    }
    return inbox
        .applyOnce(SESSIONS_CONSUMER, Topics.SESSIONS, event, () -> records.dosed(dose))
        .replaceWithVoid();
  }
}

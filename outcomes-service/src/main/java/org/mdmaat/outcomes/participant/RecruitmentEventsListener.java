package org.mdmaat.outcomes.participant;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.ParticipantEnrolled;
import org.mdmaat.contracts.events.ParticipantRandomized;
import org.mdmaat.contracts.events.TrialUnblinded;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;
import org.mdmaat.platform.inbox.Inbox;

/**
 * Keeps the local participant records (ParticipantEnrolled, then ParticipantRandomized) and the
 * trials' unblinding (TrialUnblinded). Each event is applied once (inbox); other types on the
 * topics are ignored; a message that cannot be read goes to the dead-letter topic.
 */
@ApplicationScoped
public class RecruitmentEventsListener {
  static final String PARTICIPANTS_CONSUMER = "outcomes.participants";
  static final String TRIALS_CONSUMER = "outcomes.trials";
  private static final Actor SYSTEM = Actor.system("outcomes-service");

  private final Inbox inbox;
  private final AuditTrail audit;
  private final ObjectMapper json;

  RecruitmentEventsListener(Inbox inbox, AuditTrail audit, ObjectMapper json) {
    this.inbox = inbox;
    this.audit = audit;
    // Payloads may gain optional fields (contracts change only compatibly).
    this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  }

  @Incoming("participants")
  public Uni<Void> onParticipant(String payload) {
    EventEnvelope event = inbox.parse(payload);
    if (EventTypes.PARTICIPANT_ENROLLED.equals(event.type())) {
      var enrolled = read(event, ParticipantEnrolled.class);
      return Panache.withTransaction(
              () -> inbox.processOnce(PARTICIPANTS_CONSUMER, event, () -> enrolled(enrolled)))
          .replaceWithVoid();
    }
    if (!EventTypes.PARTICIPANT_RANDOMIZED.equals(event.type())) {
      return Uni.createFrom().voidItem();
    }
    var randomized = read(event, ParticipantRandomized.class);
    return Panache.withTransaction(
            () -> inbox.processOnce(PARTICIPANTS_CONSUMER, event, () -> randomized(randomized)))
        .replaceWithVoid();
  }

  @Incoming("trials")
  public Uni<Void> onTrial(String payload) {
    EventEnvelope event = inbox.parse(payload);
    if (!EventTypes.TRIAL_UNBLINDED.equals(event.type())) {
      return Uni.createFrom().voidItem();
    }
    var unblinded = read(event, TrialUnblinded.class);
    return Panache.withTransaction(
            () -> inbox.processOnce(TRIALS_CONSUMER, event, () -> unblinded(unblinded)))
        .replaceWithVoid();
  }

  // Known from enrollment, so that a baseline can be rated before randomization.
  private Uni<Void> enrolled(ParticipantEnrolled enrolled) {
    if (blank(enrolled.participantCode())
        || blank(enrolled.trialId())
        || blank(enrolled.siteCode())) {
      throw new IllegalArgumentException("ParticipantEnrolled without code, trial or site");
    }
    return TrialParticipant.<TrialParticipant>findById(enrolled.participantCode())
        .chain(
            existing -> {
              if (existing != null) {
                return Uni.createFrom().voidItem();
              }
              var participant = new TrialParticipant();
              participant.participantCode = enrolled.participantCode();
              participant.trialId = enrolled.trialId();
              participant.siteCode = enrolled.siteCode();
              return save(participant, "CREATE", null, enrolled, "ParticipantEnrolled");
            });
  }

  private Uni<Void> randomized(ParticipantRandomized randomized) {
    if (blank(randomized.participantCode())
        || blank(randomized.trialId())
        || blank(randomized.siteCode())
        || randomized.randomizedAt() == null) {
      throw new IllegalArgumentException("ParticipantRandomized without code, trial, site or time");
    }
    return TrialParticipant.<TrialParticipant>findById(randomized.participantCode())
        .chain(
            existing -> {
              if (existing != null && existing.randomizedAt != null) {
                // Randomization happens once; a second, different announcement is not applied.
                return Uni.createFrom().voidItem();
              }
              var participant = existing == null ? new TrialParticipant() : existing;
              var action = existing == null ? "CREATE" : "RANDOMIZE";
              Object before =
                  existing == null
                      ? null
                      : java.util.Map.of(
                          "participantCode", existing.participantCode,
                          "trialId", existing.trialId,
                          "siteCode", existing.siteCode);
              participant.participantCode = randomized.participantCode();
              participant.trialId = randomized.trialId();
              participant.siteCode = randomized.siteCode();
              participant.stratum = randomized.stratum();
              participant.kitCode = randomized.kitCode();
              participant.dissociativeSubtype = randomized.dissociativeSubtype();
              participant.veteran = randomized.veteran();
              participant.randomizedAt = randomized.randomizedAt();
              return save(participant, action, before, randomized, "ParticipantRandomized");
            });
  }

  /** Stores the participant as an event announced it, with its audit entry. */
  private Uni<Void> save(
      TrialParticipant participant, String action, Object before, Object event, String eventType) {
    participant.recordedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    return participant
        .persist()
        .call(
            () ->
                audit.record(
                    new AuditEvent(
                        SYSTEM,
                        "TrialParticipant",
                        participant.participantCode,
                        action,
                        before,
                        event,
                        eventType + " from recruitment-service",
                        participant.trialId,
                        participant.participantCode)))
        .replaceWithVoid();
  }

  private Uni<Void> unblinded(TrialUnblinded unblinded) {
    if (blank(unblinded.trialId()) || unblinded.unblindedAt() == null) {
      throw new IllegalArgumentException("TrialUnblinded without trial or time");
    }
    return TrialUnblinding.<TrialUnblinding>findById(unblinded.trialId())
        .chain(
            existing -> {
              if (existing != null) {
                return Uni.createFrom().voidItem();
              }
              var unblinding = new TrialUnblinding();
              unblinding.trialId = unblinded.trialId();
              unblinding.unblindedBy =
                  blank(unblinded.unblindedBy()) ? "unknown" : unblinded.unblindedBy();
              unblinding.reason = unblinded.reason();
              unblinding.unblindedAt = unblinded.unblindedAt();
              unblinding.recordedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
              return unblinding
                  .persist()
                  .call(
                      () ->
                          audit.record(
                              new AuditEvent(
                                  SYSTEM,
                                  "TrialUnblinding",
                                  unblinding.trialId,
                                  "UNBLIND",
                                  null,
                                  unblinded,
                                  "TrialUnblinded from recruitment-service",
                                  unblinding.trialId,
                                  null)))
                  .replaceWithVoid();
            });
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
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

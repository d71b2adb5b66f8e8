package org.mdmaat.outcomes.participant;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.mdmaat.contracts.events.ParticipantEmergencyUnblinded;
import org.mdmaat.contracts.events.ParticipantEnrolled;
import org.mdmaat.contracts.events.ParticipantRandomized;
import org.mdmaat.contracts.events.ParticipantWithdrawn;
import org.mdmaat.contracts.events.TrialUnblinded;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;
import org.mdmaat.platform.inbox.ConflictingEvent;

/**
 * Keeps the local participant records (ParticipantEnrolled, then ParticipantRandomized,
 * ParticipantWithdrawn), participants' emergency unblinding (ParticipantEmergencyUnblinded) and the
 * trials' unblinding (TrialUnblinded) as recruitment-service announced them, each with its audit
 * entry. Every method needs the transaction of the event's inbox record; an event missing what it
 * must carry fails, so that the message is parked on the dead-letter topic.
 */
@ApplicationScoped
public class ParticipantRecords {
  private static final Actor SYSTEM = Actor.system("outcomes-service");

  private final AuditTrail audit;

  ParticipantRecords(AuditTrail audit) {
    this.audit = audit;
  }

  /** Known from enrollment, so that a baseline can be rated before randomization. */
  public Uni<Void> enrolled(ParticipantEnrolled enrolled) {
    if (blank(enrolled.participantCode())
        || blank(enrolled.trialId())
        || blank(enrolled.siteCode())) {
      throw new IllegalArgumentException("ParticipantEnrolled without code, trial or site");
    }
    return TrialParticipant.<TrialParticipant>findById(enrolled.participantCode())
        .chain(
            existing -> {
              if (existing != null) {
                // The same announcement again is nothing new; a different one is a conflict.
                if (!existing.trialId.equals(enrolled.trialId())
                    || !existing.siteCode.equals(enrolled.siteCode())) {
                  throw new ConflictingEvent(
                      "ParticipantEnrolled for "
                          + enrolled.participantCode()
                          + " names another trial or site than the one already known");
                }
                return Uni.createFrom().voidItem();
              }
              var participant = new TrialParticipant();
              participant.participantCode = enrolled.participantCode();
              participant.trialId = enrolled.trialId();
              participant.siteCode = enrolled.siteCode();
              return save(participant, "CREATE", null, enrolled, "ParticipantEnrolled");
            });
  }

  public Uni<Void> randomized(ParticipantRandomized randomized) {
    if (blank(randomized.participantCode())
        || blank(randomized.trialId())
        || blank(randomized.siteCode())
        || randomized.randomizedAt() == null) {
      throw new IllegalArgumentException("ParticipantRandomized without code, trial, site or time");
    }
    return TrialParticipant.<TrialParticipant>findById(randomized.participantCode())
        .chain(
            existing -> {
              if (existing != null
                  && (!existing.trialId.equals(randomized.trialId())
                      || !existing.siteCode.equals(randomized.siteCode()))) {
                throw new ConflictingEvent(
                    "ParticipantRandomized for "
                        + randomized.participantCode()
                        + " names another trial or site than the one already known");
              }
              if (existing != null && existing.randomizedAt != null) {
                // Randomization happens once: the same announcement again is nothing new, a
                // different one is a conflict, never applied.
                if (!java.util.Objects.equals(existing.kitCode, randomized.kitCode())
                    || !existing.randomizedAt.equals(randomized.randomizedAt())) {
                  throw new ConflictingEvent(
                      "ParticipantRandomized for "
                          + randomized.participantCode()
                          + " differs from the randomization already known");
                }
                return Uni.createFrom().voidItem();
              }
              var participant = existing == null ? new TrialParticipant() : existing;
              var action = existing == null ? "CREATE" : "RANDOMIZE";
              Object before =
                  existing == null
                      ? null
                      : Map.of(
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

  /**
   * The participant left the trial: they owe no primary endpoint for the database lock. A
   * withdrawal of a participant never known here changes nothing.
   */
  public Uni<Void> withdrawn(ParticipantWithdrawn withdrawn) {
    if (blank(withdrawn.participantCode())
        || blank(withdrawn.trialId())
        || withdrawn.withdrawnAt() == null) {
      throw new IllegalArgumentException("ParticipantWithdrawn without code, trial or time");
    }
    return TrialParticipant.<TrialParticipant>findById(withdrawn.participantCode())
        .chain(
            existing -> {
              if (existing == null || existing.withdrawnAt != null) {
                return Uni.createFrom().voidItem();
              }
              if (!existing.trialId.equals(withdrawn.trialId())) {
                throw new ConflictingEvent(
                    "ParticipantWithdrawn for "
                        + withdrawn.participantCode()
                        + " names another trial than the one already known");
              }
              Object before =
                  Map.of(
                      "participantCode", existing.participantCode,
                      "trialId", existing.trialId,
                      "siteCode", existing.siteCode);
              existing.withdrawnAt = withdrawn.withdrawnAt().truncatedTo(ChronoUnit.MICROS);
              return save(existing, "WITHDRAW", before, withdrawn, "ParticipantWithdrawn");
            });
  }

  /**
   * One participant's blind was broken (never the arm): recorded once, so that allocation guesses
   * about them from then on are flagged and left out of the blinding indices.
   */
  public Uni<Void> emergencyUnblinded(ParticipantEmergencyUnblinded unblinded) {
    if (blank(unblinded.participantCode())
        || blank(unblinded.trialId())
        || blank(unblinded.siteCode())
        || unblinded.unblindedAt() == null) {
      throw new IllegalArgumentException(
          "ParticipantEmergencyUnblinded without code, trial, site or time");
    }
    return EmergencyUnblinding.<EmergencyUnblinding>findById(unblinded.participantCode())
        .chain(
            existing -> {
              if (existing != null) {
                // The blind is broken once; the first moment counts.
                return Uni.createFrom().voidItem();
              }
              var record = new EmergencyUnblinding();
              record.participantCode = unblinded.participantCode();
              record.trialId = unblinded.trialId();
              record.siteCode = unblinded.siteCode();
              record.unblindedBy =
                  blank(unblinded.unblindedBy()) ? "unknown" : unblinded.unblindedBy();
              record.reason = unblinded.reason();
              record.unblindedAt = unblinded.unblindedAt().truncatedTo(ChronoUnit.MICROS);
              record.recordedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
              return record
                  .persist()
                  .call(
                      () ->
                          audit.record(
                              new AuditEvent(
                                  SYSTEM,
                                  "EmergencyUnblinding",
                                  record.participantCode,
                                  "UNBLIND",
                                  null,
                                  unblinded,
                                  "ParticipantEmergencyUnblinded from recruitment-service",
                                  record.trialId,
                                  record.participantCode)))
                  .replaceWithVoid();
            });
  }

  public Uni<Void> unblinded(TrialUnblinded unblinded) {
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

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}

package org.mdmaat.outcomes.participant;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.mdmaat.contracts.events.DoseAdministered;
import org.mdmaat.contracts.events.ParticipantEmergencyUnblinded;
import org.mdmaat.contracts.events.ParticipantEnrolled;
import org.mdmaat.contracts.events.ParticipantRandomized;
import org.mdmaat.contracts.events.ParticipantSubgroupsRecorded;
import org.mdmaat.contracts.events.ParticipantWithdrawn;
import org.mdmaat.contracts.events.TrialUnblinded;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;
import org.mdmaat.platform.inbox.ConflictingEvent;

/**
 * Keeps the local participant records (ParticipantEnrolled, then ParticipantRandomized,
 * ParticipantSubgroupsRecorded, ParticipantWithdrawn), their doses (DoseAdministered, from
 * session-service), participants' emergency unblinding (ParticipantEmergencyUnblinded) and the
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
              if (participant.subgroupsRevision == null) {
                // Facts from a later correction (ParticipantSubgroupsRecorded) are not undone.
                participant.dissociativeSubtype = randomized.dissociativeSubtype();
                participant.veteran = randomized.veteran();
              }
              participant.randomizedAt = randomized.randomizedAt();
              return save(participant, action, before, randomized, "ParticipantRandomized");
            });
  }

  /**
   * The participant's four subgroup facts, as recruitment-service recorded them at enrollment or
   * after a correction. Applied only if newer than the last applied ({@code revision}): a late,
   * older announcement changes nothing.
   */
  public Uni<Void> subgroups(ParticipantSubgroupsRecorded recorded) {
    if (blank(recorded.participantCode())
        || blank(recorded.trialId())
        || blank(recorded.siteCode())
        || recorded.revision() < 0) {
      throw new IllegalArgumentException(
          "ParticipantSubgroupsRecorded without code, trial, site or revision");
    }
    return TrialParticipant.<TrialParticipant>findById(recorded.participantCode())
        .chain(
            existing -> {
              if (existing != null
                  && (!existing.trialId.equals(recorded.trialId())
                      || !existing.siteCode.equals(recorded.siteCode()))) {
                throw new ConflictingEvent(
                    "ParticipantSubgroupsRecorded for "
                        + recorded.participantCode()
                        + " names another trial or site than the one already known");
              }
              if (existing != null
                  && existing.subgroupsRevision != null
                  && existing.subgroupsRevision >= recorded.revision()) {
                return Uni.createFrom().voidItem();
              }
              var participant = existing == null ? new TrialParticipant() : existing;
              Object before = existing == null ? null : subgroupsOf(existing);
              participant.participantCode = recorded.participantCode();
              participant.trialId = recorded.trialId();
              participant.siteCode = recorded.siteCode();
              participant.dissociativeSubtype = recorded.dissociativeSubtype();
              participant.veteran = recorded.veteran();
              participant.combatExposure = recorded.combatExposure();
              participant.traumaticBrainInjury = recorded.traumaticBrainInjury();
              participant.subgroupsRevision = recorded.revision();
              return save(
                  participant,
                  existing == null ? "CREATE" : "SUBGROUPS",
                  before,
                  recorded,
                  "ParticipantSubgroupsRecorded");
            });
  }

  private static Map<String, Object> subgroupsOf(TrialParticipant p) {
    var facts = new java.util.LinkedHashMap<String, Object>();
    facts.put("dissociativeSubtype", p.dissociativeSubtype);
    facts.put("veteran", p.veteran);
    facts.put("combatExposure", p.combatExposure);
    facts.put("traumaticBrainInjury", p.traumaticBrainInjury);
    facts.put("subgroupsRevision", p.subgroupsRevision);
    return facts;
  }

  /**
   * A dose session-service gave (DoseAdministered): the dosing dates timepoint windows count from.
   * Recorded once per dose; the kit code is not kept.
   */
  public Uni<Void> dosed(DoseAdministered dose) {
    if (blank(dose.doseId())
        || blank(dose.sessionId())
        || blank(dose.participantCode())
        || blank(dose.trialId())
        || blank(dose.siteCode())
        || dose.administeredAt() == null) {
      throw new IllegalArgumentException(
          "DoseAdministered without dose, session, participant, trial, site or time");
    }
    return ParticipantDose.<ParticipantDose>findById(dose.doseId())
        .chain(
            existing -> {
              if (existing != null) {
                return Uni.createFrom().voidItem();
              }
              var record = new ParticipantDose();
              record.doseId = dose.doseId();
              record.sessionId = dose.sessionId();
              record.participantCode = dose.participantCode();
              record.trialId = dose.trialId();
              record.siteCode = dose.siteCode();
              record.supplemental = dose.supplemental();
              record.administeredAt = dose.administeredAt().truncatedTo(ChronoUnit.MICROS);
              record.recordedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
              var audited = new java.util.LinkedHashMap<String, Object>();
              audited.put("doseId", record.doseId);
              audited.put("sessionId", record.sessionId);
              audited.put("supplemental", record.supplemental);
              audited.put("administeredAt", record.administeredAt);
              return record
                  .persist()
                  .call(
                      () ->
                          audit.record(
                              new AuditEvent(
                                  SYSTEM,
                                  "ParticipantDose",
                                  record.doseId,
                                  "CREATE",
                                  null,
                                  audited,
                                  "DoseAdministered from session-service",
                                  record.trialId,
                                  record.participantCode)))
                  .replaceWithVoid();
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

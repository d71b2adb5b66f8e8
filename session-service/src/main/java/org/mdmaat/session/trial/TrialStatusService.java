package org.mdmaat.session.trial;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.mdmaat.contracts.events.TrialStatusChanged;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;
import org.mdmaat.session.participant.TrialSettings;

/** session-service's copy of trials' recruitment status. Callers provide the transaction. */
@ApplicationScoped
public class TrialStatusService {
  private static final Actor SYSTEM = Actor.system("session-service");

  private final AuditTrail audit;

  TrialStatusService(AuditTrail audit) {
    this.audit = audit;
  }

  /** Keeps the newest status; an event older than the one kept changes nothing. */
  public Uni<Void> changed(TrialStatusChanged event) {
    return KnownTrial.<KnownTrial>findById(event.trialId(), LockModeType.PESSIMISTIC_WRITE)
        .flatMap(
            known -> {
              if (known != null && known.changedAt.isAfter(event.changedAt())) {
                return Uni.createFrom().voidItem();
              }
              var trial = known == null ? new KnownTrial() : known;
              var before = known == null ? null : java.util.Map.of("status", known.status);
              trial.trialId = event.trialId();
              trial.status = event.status();
              trial.changedAt = event.changedAt().truncatedTo(ChronoUnit.MICROS);
              trial.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
              return (known == null ? trial.persist() : Uni.createFrom().item(trial))
                  .call(
                      () ->
                          audit.record(
                              new AuditEvent(
                                  SYSTEM,
                                  "Trial",
                                  trial.trialId,
                                  known == null ? "CREATE" : "UPDATE",
                                  before,
                                  java.util.Map.of("status", trial.status),
                                  "TrialStatusChanged from recruitment-service: " + event.reason(),
                                  trial.trialId,
                                  null)))
                  .replaceWithVoid();
            });
  }

  /**
   * Inside the dose's transaction: refuses when the last announced status stops dosing. The row is
   * read with a share lock, so a status change waits for a dose in flight, and a dose after it sees
   * it. A trial never announced here leaves the decision to the directory's answer.
   */
  public Uni<Void> requireDosing(String trialId) {
    return KnownTrial.<KnownTrial>findById(trialId, LockModeType.PESSIMISTIC_READ)
        .invoke(
            known -> {
              if (known != null) {
                TrialSettings.requireDosing(trialId, known.status);
              }
            })
        .replaceWithVoid();
  }
}

package org.mdmaat.session.dosing;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.mdmaat.contracts.events.DosingHoldLifted;
import org.mdmaat.contracts.events.DosingHoldPlaced;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;

/**
 * session-service's copy of the dosing holds safety-service announced, so a dose can be refused
 * before the gate is asked and again inside the dose's transaction. Callers provide the transaction
 * (the inbox's).
 */
@ApplicationScoped
public class KnownDosingHolds {
  private static final Actor SYSTEM = Actor.system("session-service");

  private final AuditTrail audit;

  KnownDosingHolds(AuditTrail audit) {
    this.audit = audit;
  }

  /**
   * Records a placement. A hold whose lift came first (Kafka gives no order across the two events'
   * retries and redeliveries) keeps its lift: the placement arrives lifted. A placement already
   * known (the same event re-published under another id) changes nothing.
   */
  public Uni<Void> placed(DosingHoldPlaced placed) {
    var holdId = UUID.fromString(placed.holdId());
    return KnownDosingHold.<KnownDosingHold>findById(holdId)
        .flatMap(
            known -> {
              if (known != null && known.placedAt != null) {
                return Uni.createFrom().voidItem();
              }
              var hold = known != null ? known : new KnownDosingHold();
              hold.holdId = holdId;
              hold.participantCode = placed.participantCode();
              hold.trialId = placed.trialId();
              hold.siteCode = placed.siteCode();
              hold.cause = placed.cause();
              hold.reason = placed.reason();
              hold.placedAt = placed.placedAt();
              Uni<?> stored = known != null ? Uni.createFrom().item(hold) : hold.persist();
              return stored
                  .call(
                      () ->
                          audit.record(
                              new AuditEvent(
                                  SYSTEM,
                                  "DosingHold",
                                  placed.holdId(),
                                  known != null ? "UPDATE" : "CREATE",
                                  null,
                                  placed,
                                  known != null
                                      ? "DosingHoldPlaced from safety-service, after its lift"
                                      : "DosingHoldPlaced from safety-service",
                                  placed.trialId(),
                                  placed.participantCode())))
                  .replaceWithVoid();
            });
  }

  /**
   * Records a lift. A lift of a hold not yet placed here is kept as a row of its own (no cause,
   * reason or placement time) that never blocks a dose, so its placement arrives lifted; a hold
   * placed without a lift still blocks. A lift already known changes nothing.
   */
  public Uni<Void> lifted(DosingHoldLifted lifted) {
    var holdId = UUID.fromString(lifted.holdId());
    return KnownDosingHold.<KnownDosingHold>findById(holdId)
        .flatMap(
            known -> {
              if (known != null && known.liftedAt != null) {
                return Uni.createFrom().voidItem();
              }
              var hold = known != null ? known : new KnownDosingHold();
              if (known == null) {
                hold.holdId = holdId;
                hold.participantCode = lifted.participantCode();
                hold.trialId = lifted.trialId();
                hold.siteCode = lifted.siteCode();
              }
              hold.liftedAt = lifted.liftedAt();
              hold.liftReason = lifted.reason();
              Uni<?> stored = known != null ? Uni.createFrom().item(hold) : hold.persist();
              return stored
                  .call(
                      () ->
                          audit.record(
                              new AuditEvent(
                                  SYSTEM,
                                  "DosingHold",
                                  lifted.holdId(),
                                  known != null ? "UPDATE" : "CREATE",
                                  null,
                                  lifted,
                                  known != null
                                      ? "DosingHoldLifted from safety-service"
                                      : "DosingHoldLifted from safety-service, before its placement",
                                  lifted.trialId(),
                                  lifted.participantCode())))
                  .replaceWithVoid();
            });
  }
}

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

  public Uni<Void> placed(DosingHoldPlaced placed) {
    var hold = new KnownDosingHold();
    hold.holdId = UUID.fromString(placed.holdId());
    hold.participantCode = placed.participantCode();
    hold.trialId = placed.trialId();
    hold.siteCode = placed.siteCode();
    hold.cause = placed.cause();
    hold.reason = placed.reason();
    hold.placedAt = placed.placedAt();
    return hold.persist()
        .call(
            () ->
                audit.record(
                    new AuditEvent(
                        SYSTEM,
                        "DosingHold",
                        placed.holdId(),
                        "CREATE",
                        null,
                        placed,
                        "DosingHoldPlaced from safety-service",
                        placed.trialId(),
                        placed.participantCode())))
        .replaceWithVoid();
  }

  public Uni<Void> lifted(DosingHoldLifted lifted) {
    return KnownDosingHold.<KnownDosingHold>findById(UUID.fromString(lifted.holdId()))
        .onItem()
        .ifNull()
        .failWith(() -> new IllegalStateException("lift of unknown hold " + lifted.holdId()))
        .flatMap(
            hold -> {
              hold.liftedAt = lifted.liftedAt();
              hold.liftReason = lifted.reason();
              return audit.record(
                  new AuditEvent(
                      SYSTEM,
                      "DosingHold",
                      lifted.holdId(),
                      "UPDATE",
                      null,
                      lifted,
                      "DosingHoldLifted from safety-service",
                      lifted.trialId(),
                      lifted.participantCode()));
            })
        .replaceWithVoid();
  }
}

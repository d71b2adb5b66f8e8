package org.mdmaat.recruitment.participant;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;
import org.mdmaat.recruitment.Problems;
import org.mdmaat.recruitment.randomization.AllocationSlot;

/** Emergency unblinding of one participant by an investigator of their site. */
@ApplicationScoped
public class EmergencyUnblindingService {
  private final AuditTrail audit;

  EmergencyUnblindingService(AuditTrail audit) {
    this.audit = audit;
  }

  /**
   * An investigator learns one participant's arm in an emergency. Audited with the reason; the
   * participant is marked as unblinded.
   */
  @WithTransaction
  public Uni<AllocationView> emergencyUnblind(
      String code, String reason, Set<String> sites, Actor actor) {
    return ParticipantService.visible(code, sites)
        .flatMap(
            p ->
                AllocationSlot.<AllocationSlot>find("participantCode", p.code)
                    .firstResult()
                    .flatMap(
                        slot -> {
                          if (slot == null) {
                            return Uni.createFrom()
                                .failure(
                                    Problems.ILLEGAL_TRANSITION.problem(
                                        "Participant " + p.code + " has not been randomized"));
                          }
                          var before = ParticipantView.of(p).redacted();
                          var at = now();
                          if (p.emergencyUnblindedAt == null) {
                            p.emergencyUnblindedAt = at;
                          }
                          p.updatedAt = at;
                          var state =
                              Map.of(
                                  "participantCode",
                                  p.code,
                                  "kitCode",
                                  slot.kitCode,
                                  "unblindedAt",
                                  at.toString(),
                                  "unblindedBy",
                                  actor.subject());
                          return audit
                              .record(
                                  new AuditEvent(
                                      actor,
                                      "Participant",
                                      p.code,
                                      "EMERGENCY_UNBLIND",
                                      before,
                                      state,
                                      reason,
                                      p.trialId,
                                      p.code))
                              .replaceWith(
                                  new AllocationView(
                                      p.code,
                                      p.trialId,
                                      p.siteCode,
                                      slot.stratum,
                                      slot.kitCode,
                                      slot.arm.name(),
                                      slot.assignedAt));
                        }));
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}

package org.mdmaat.recruitment.participant;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.ParticipantEmergencyUnblinded;
import org.mdmaat.contracts.events.Topics;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;
import org.mdmaat.platform.outbox.Outbox;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.signature.Signatures;
import org.mdmaat.recruitment.Problems;
import org.mdmaat.recruitment.randomization.AllocationSlot;

/** Emergency unblinding of one participant by an investigator of their site. */
@ApplicationScoped
public class EmergencyUnblindingService {
  private final AuditTrail audit;
  private final Outbox outbox;
  private final Signatures signatures;
  private final ParticipantService participants;

  EmergencyUnblindingService(
      AuditTrail audit, Outbox outbox, Signatures signatures, ParticipantService participants) {
    this.audit = audit;
    this.outbox = outbox;
    this.signatures = signatures;
    this.participants = participants;
  }

  /**
   * An investigator learns one participant's arm in an emergency, signing with a fresh login.
   * Audited with the reason; the participant is marked as unblinded (from the first time on), and
   * ParticipantEmergencyUnblinded tells the sponsor's medical monitor and the DSMB, without the
   * arm, so outcomes-service can set that participant's later allocation guesses apart.
   */
  @WithTransaction
  public Uni<AllocationView> emergencyUnblind(
      String code, Requests.EmergencyUnblinding request, Caller caller) {
    return ParticipantService.visible(code, caller.scope())
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
                          // Signed before anything changes: a refused signature leaves no trace.
                          var signature =
                              signatures.sign(
                                  caller,
                                  request.signature().meaning(),
                                  StoredSignatures.emergencyUnblindingRecord(
                                      p, slot.kitCode, request.reason()));
                          var at = signature.signedAt();
                          if (p.emergencyUnblindedAt == null) {
                            p.emergencyUnblindedAt = at;
                          }
                          p.emergencyUnblindingSignature = StoredSignatures.write(signature);
                          p.updatedAt = at;
                          var state = new LinkedHashMap<String, Object>();
                          state.put("participantCode", p.code);
                          state.put("kitCode", slot.kitCode);
                          state.put("unblindedAt", at.toString());
                          state.put("unblindedBy", caller.subject());
                          state.put("signature", signature);
                          var event =
                              participants.envelope(
                                  EventTypes.PARTICIPANT_EMERGENCY_UNBLINDED,
                                  p,
                                  new ParticipantEmergencyUnblinded(
                                      p.code,
                                      p.trialId,
                                      p.siteCode,
                                      caller.subject(),
                                      request.reason(),
                                      p.emergencyUnblindedAt));
                          return audit
                              .record(
                                  new AuditEvent(
                                      caller.actor(),
                                      "Participant",
                                      p.code,
                                      "EMERGENCY_UNBLIND",
                                      before,
                                      state,
                                      request.reason(),
                                      p.trialId,
                                      p.code))
                              .call(() -> outbox.publish(Topics.PARTICIPANTS, p.code, event))
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
}

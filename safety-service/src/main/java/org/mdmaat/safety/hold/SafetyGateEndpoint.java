package org.mdmaat.safety.hold;

import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import org.mdmaat.contracts.grpc.safety.DosingClearance;
import org.mdmaat.contracts.grpc.safety.DosingClearanceRequest;
import org.mdmaat.contracts.grpc.safety.SafetyGate;
import org.mdmaat.contracts.grpc.safety.VitalsRecorders;
import org.mdmaat.contracts.grpc.safety.VitalsRecordersRequest;
import org.mdmaat.platform.calls.CallingService;
import org.mdmaat.safety.vitals.VitalsService;

/**
 * Answers session-service: before every dose, cleared only when no hold is active; and who recorded
 * a participant's vital signs.
 */
@GrpcService
@RolesAllowed(CallingService.SESSION)
public class SafetyGateEndpoint implements SafetyGate {
  private final DosingHoldService holds;
  private final VitalsService vitals;

  SafetyGateEndpoint(DosingHoldService holds, VitalsService vitals) {
    this.holds = holds;
    this.vitals = vitals;
  }

  @Override
  public Uni<DosingClearance> checkDosingClearance(DosingClearanceRequest request) {
    if (request.getParticipantCode().isBlank()) {
      // No participant named: nothing can be shown safe.
      return Uni.createFrom()
          .item(
              DosingClearance.newBuilder()
                  .setCleared(false)
                  .addReasons("no participant code in the request")
                  .build());
    }
    return holds
        .activeFor(request.getParticipantCode())
        .map(
            active ->
                DosingClearance.newBuilder()
                    .setCleared(active.isEmpty())
                    .addAllReasons(
                        active.stream()
                            .map(h -> "dosing hold " + h.id + " (" + h.cause + "): " + h.reason)
                            .toList())
                    .build());
  }

  /**
   * The distinct usernames that recorded vital signs for the participant, sorted. A participant
   * without readings (unknown here, or no code given) has none: an empty list, not an error.
   */
  @Override
  public Uni<VitalsRecorders> getVitalsRecorders(VitalsRecordersRequest request) {
    var participant = request.getParticipantCode();
    var answer = VitalsRecorders.newBuilder().setParticipantCode(participant);
    if (participant.isBlank()) {
      return Uni.createFrom().item(answer.build());
    }
    return vitals
        .recordersOf(participant)
        .map(recorders -> answer.addAllRecordedBy(recorders).build());
  }
}

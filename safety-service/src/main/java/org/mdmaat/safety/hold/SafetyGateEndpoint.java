package org.mdmaat.safety.hold;

import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import org.mdmaat.contracts.grpc.safety.DosingClearance;
import org.mdmaat.contracts.grpc.safety.DosingClearanceRequest;
import org.mdmaat.contracts.grpc.safety.SafetyGate;

/** Answers session-service before every dose: cleared only when no hold is active. */
@GrpcService
public class SafetyGateEndpoint implements SafetyGate {
  private final DosingHoldService holds;

  SafetyGateEndpoint(DosingHoldService holds) {
    this.holds = holds;
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
}

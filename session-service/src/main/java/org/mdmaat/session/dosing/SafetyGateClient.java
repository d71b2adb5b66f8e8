package org.mdmaat.session.dosing;

import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.mdmaat.contracts.grpc.safety.DosingClearance;
import org.mdmaat.contracts.grpc.safety.DosingClearanceRequest;
import org.mdmaat.contracts.grpc.safety.MutinySafetyGateGrpc.MutinySafetyGateStub;

/**
 * Asks safety-service whether a participant may be dosed. Slow or failing answers trip a circuit
 * breaker so a dead safety-service costs callers no more than the timeout; callers treat every
 * failure as "not cleared".
 */
@ApplicationScoped
public class SafetyGateClient {
  private final MutinySafetyGateStub gate;

  SafetyGateClient(@GrpcClient("safety-gate") MutinySafetyGateStub gate) {
    this.gate = gate;
  }

  @Timeout(value = 3, unit = ChronoUnit.SECONDS)
  @CircuitBreaker(
      requestVolumeThreshold = 4,
      failureRatio = 0.5,
      delay = 5,
      delayUnit = ChronoUnit.SECONDS)
  public Uni<DosingClearance> check(String participantCode, String trialId) {
    // A deadline per call: one set in configuration is fixed when the stub is made.
    return gate.withDeadlineAfter(2, TimeUnit.SECONDS)
        .checkDosingClearance(
            DosingClearanceRequest.newBuilder()
                .setParticipantCode(participantCode)
                .setTrialId(trialId == null ? "" : trialId)
                .build());
  }
}

package org.mdmaat.session.team;

import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.mdmaat.contracts.grpc.safety.MutinySafetyGateGrpc.MutinySafetyGateStub;
import org.mdmaat.contracts.grpc.safety.VitalsRecordersRequest;
import org.mdmaat.platform.calls.ServiceCalls;

/**
 * Asks safety-service who recorded the participant's vital signs (Keycloak usernames): people who
 * monitored a dosing session. Any failure, or an answer about another participant, fails the Uni;
 * the caller must not guess.
 */
@ApplicationScoped
public class VitalsRecordersClient {
  private final MutinySafetyGateStub gate;
  private final ServiceCalls calls;

  VitalsRecordersClient(@GrpcClient("safety-gate") MutinySafetyGateStub gate, ServiceCalls calls) {
    this.gate = gate;
    this.calls = calls;
  }

  public Uni<List<String>> recordersOf(String participantCode) {
    return calls
        .call(
            "safety-gate",
            gate,
            stub ->
                stub.getVitalsRecorders(
                    VitalsRecordersRequest.newBuilder()
                        .setParticipantCode(participantCode)
                        .build()))
        .map(
            reply -> {
              if (!participantCode.equals(reply.getParticipantCode())) {
                throw new IllegalStateException(
                    "safety-service answered for "
                        + reply.getParticipantCode()
                        + " when asked about "
                        + participantCode);
              }
              return List.copyOf(reply.getRecordedByList());
            });
  }
}

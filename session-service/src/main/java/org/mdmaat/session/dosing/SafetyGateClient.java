package org.mdmaat.session.dosing;

import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdmaat.contracts.grpc.safety.DosingClearance;
import org.mdmaat.contracts.grpc.safety.DosingClearanceRequest;
import org.mdmaat.contracts.grpc.safety.MutinySafetyGateGrpc.MutinySafetyGateStub;
import org.mdmaat.contracts.grpc.safety.PreDoseVitals;
import org.mdmaat.contracts.grpc.safety.PreDoseVitalsRecorded;
import org.mdmaat.platform.calls.ServiceCalls;

/**
 * Asks safety-service whether a participant may be dosed, as session-service ({@link
 * ServiceCalls}). A dead safety-service costs callers no more than the call's timeout; callers
 * treat every failure as "not cleared".
 */
@ApplicationScoped
public class SafetyGateClient {
  static final String CLIENT = "safety-gate";

  private final MutinySafetyGateStub gate;
  private final ServiceCalls calls;

  SafetyGateClient(@GrpcClient(CLIENT) MutinySafetyGateStub gate, ServiceCalls calls) {
    this.gate = gate;
    this.calls = calls;
  }

  public Uni<DosingClearance> check(String participantCode, String trialId) {
    return calls.call(
        CLIENT,
        gate,
        stub ->
            stub.checkDosingClearance(
                DosingClearanceRequest.newBuilder()
                    .setParticipantCode(participantCode)
                    .setTrialId(trialId == null ? "" : trialId)
                    .build()));
  }

  /** Stores pre-dose vitals at safety-service; any failure means they are not stored. */
  public Uni<PreDoseVitalsRecorded> recordPreDoseVitals(PreDoseVitals vitals) {
    return calls.call(CLIENT, gate, stub -> stub.recordPreDoseVitals(vitals));
  }
}

package org.mdmaat.session.dosing;

import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import org.mdmaat.contracts.grpc.safety.DosingClearance;
import org.mdmaat.contracts.grpc.safety.DosingClearanceRequest;
import org.mdmaat.contracts.grpc.safety.SafetyGate;
import org.mdmaat.contracts.grpc.safety.VitalsRecorders;
import org.mdmaat.contracts.grpc.safety.VitalsRecordersRequest;

/**
 * A SafetyGate served by the test application itself, answering as each test scripts it. The real
 * safety-service answers in system-tests.
 */
@GrpcService
public class ScriptedSafetyGate implements SafetyGate {
  public enum Answer {
    CLEARED,
    HELD,
    UNAVAILABLE
  }

  public static volatile Answer answer = Answer.CLEARED;

  @Override
  public Uni<DosingClearance> checkDosingClearance(DosingClearanceRequest request) {
    return switch (answer) {
      case CLEARED -> Uni.createFrom().item(DosingClearance.newBuilder().setCleared(true).build());
      case HELD ->
          Uni.createFrom()
              .item(
                  DosingClearance.newBuilder()
                      .setCleared(false)
                      .addReasons("dosing hold h-1 (INVESTIGATOR): scripted")
                      .build());
      case UNAVAILABLE -> Uni.createFrom().failure(Status.UNAVAILABLE.asRuntimeException());
    };
  }

  @Override
  public Uni<VitalsRecorders> getVitalsRecorders(VitalsRecordersRequest request) {
    return Uni.createFrom()
        .item(
            VitalsRecorders.newBuilder().setParticipantCode(request.getParticipantCode()).build());
  }
}

package org.mdmaat.session.dosing;

import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.mdmaat.contracts.grpc.safety.DosingClearance;
import org.mdmaat.contracts.grpc.safety.DosingClearanceRequest;
import org.mdmaat.contracts.grpc.safety.SafetyGate;
import org.mdmaat.contracts.grpc.safety.VitalsRecorders;
import org.mdmaat.contracts.grpc.safety.VitalsRecordersRequest;
import org.mdmaat.platform.calls.CallingService;

/**
 * A SafetyGate served by the test application itself, answering as each test scripts it. The real
 * safety-service answers in system-tests.
 */
@GrpcService
@RolesAllowed(CallingService.SESSION)
public class ScriptedSafetyGate implements SafetyGate {
  public enum Answer {
    CLEARED,
    HELD,
    UNAVAILABLE
  }

  public static volatile Answer answer = Answer.CLEARED;

  /** GetVitalsRecorders: who recorded vitals, by participant (none when absent). */
  public static final Map<String, List<String>> VITALS_RECORDERS = new ConcurrentHashMap<>();

  /** GetVitalsRecorders fails with UNAVAILABLE for these participants. */
  public static final Set<String> VITALS_UNAVAILABLE_FOR = ConcurrentHashMap.newKeySet();

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
    var code = request.getParticipantCode();
    if (VITALS_UNAVAILABLE_FOR.contains(code)) {
      return Uni.createFrom().failure(Status.UNAVAILABLE.asRuntimeException());
    }
    return Uni.createFrom()
        .item(
            VitalsRecorders.newBuilder()
                .setParticipantCode(code)
                .addAllRecordedBy(VITALS_RECORDERS.getOrDefault(code, List.of()))
                .build());
  }
}

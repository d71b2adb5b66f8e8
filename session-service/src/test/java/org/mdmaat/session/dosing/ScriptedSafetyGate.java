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
import org.mdmaat.contracts.grpc.safety.PreDoseVitals;
import org.mdmaat.contracts.grpc.safety.PreDoseVitalsRecorded;
import org.mdmaat.contracts.grpc.safety.SafetyGate;
import org.mdmaat.contracts.grpc.safety.VitalsLevel;
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

  /** The current vitals level a clearance carries (and its findings). */
  public static volatile VitalsLevel vitalsLevel = VitalsLevel.VITALS_IN_RANGE;

  public static volatile List<String> vitalsFindings = List.of();

  /** When false, RecordPreDoseVitals fails with UNAVAILABLE (nothing stored). */
  public static volatile boolean storesPreDoseVitals = true;

  /**
   * The pre-dose vitals stored, by reading id (a repeated id replaces, as safety-service keeps
   * one).
   */
  public static final Map<String, PreDoseVitals> PRE_DOSE_VITALS = new ConcurrentHashMap<>();

  /** Back to the defaults: cleared, vitals in range, pre-dose vitals stored. */
  public static void reset() {
    answer = Answer.CLEARED;
    vitalsLevel = VitalsLevel.VITALS_IN_RANGE;
    vitalsFindings = List.of();
    storesPreDoseVitals = true;
  }

  @Override
  public Uni<PreDoseVitalsRecorded> recordPreDoseVitals(PreDoseVitals request) {
    if (!storesPreDoseVitals) {
      return Uni.createFrom().failure(Status.UNAVAILABLE.asRuntimeException());
    }
    boolean stored = PRE_DOSE_VITALS.put(request.getReadingId(), request) == null;
    return Uni.createFrom()
        .item(
            PreDoseVitalsRecorded.newBuilder()
                .setReadingId(request.getReadingId())
                .setStored(stored)
                .build());
  }

  /** GetVitalsRecorders: who recorded vitals, by participant (none when absent). */
  public static final Map<String, List<String>> VITALS_RECORDERS = new ConcurrentHashMap<>();

  /** GetVitalsRecorders fails with UNAVAILABLE for these participants. */
  public static final Set<String> VITALS_UNAVAILABLE_FOR = ConcurrentHashMap.newKeySet();

  @Override
  public Uni<DosingClearance> checkDosingClearance(DosingClearanceRequest request) {
    return switch (answer) {
      case CLEARED ->
          Uni.createFrom()
              .item(
                  DosingClearance.newBuilder()
                      .setCleared(true)
                      .setVitalsLevel(vitalsLevel)
                      .addAllVitalsFindings(vitalsFindings)
                      .build());
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

package org.mdmaat.safety.testing;

import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.mdmaat.contracts.grpc.recruitment.Allocation;
import org.mdmaat.contracts.grpc.recruitment.AllocationList;
import org.mdmaat.contracts.grpc.recruitment.AllocationRequest;
import org.mdmaat.contracts.grpc.recruitment.ParticipantDirectory;
import org.mdmaat.contracts.grpc.recruitment.ParticipantRecord;
import org.mdmaat.contracts.grpc.recruitment.ParticipantRequest;
import org.mdmaat.contracts.grpc.recruitment.TrialProtocol;
import org.mdmaat.contracts.grpc.recruitment.TrialRequest;
import org.mdmaat.platform.calls.CallingService;
import org.mdmaat.platform.calls.OnBehalfOf;

/**
 * A ParticipantDirectory served by the test application itself, answering from what each test
 * enrols. The real recruitment-service answers in system-tests.
 */
@GrpcService
@RolesAllowed(CallingService.SAFETY)
public class ScriptedParticipantDirectory implements ParticipantDirectory {
  static final Map<String, ParticipantRecord> PARTICIPANTS = new ConcurrentHashMap<>();
  static final Map<String, Set<String>> TRIAL_SITES = new ConcurrentHashMap<>();
  static final Map<String, List<Allocation>> ALLOCATIONS = new ConcurrentHashMap<>();

  /** Trials whose protocol answers unblinded. */
  public static final Set<String> UNBLINDED = ConcurrentHashMap.newKeySet();

  /** When set, every call fails as if recruitment-service were down. */
  public static volatile boolean unavailable;

  /** When false, GetAllocations refuses to disclose arms. */
  public static volatile boolean disclose = true;

  /** Enrols a participant of {@code trialId} at {@code site}; returns its code. */
  public static String enrol(String code, String trialId, String site) {
    PARTICIPANTS.put(
        code,
        ParticipantRecord.newBuilder()
            .setFound(true)
            .setParticipantCode(code)
            .setTrialId(trialId)
            .setSiteCode(site)
            .build());
    TRIAL_SITES.computeIfAbsent(trialId, t -> ConcurrentHashMap.newKeySet()).add(site);
    return code;
  }

  /** Records the participant's arm, disclosed to the DSMB. */
  public static void allocate(String trialId, String code, String site, String arm) {
    ALLOCATIONS
        .computeIfAbsent(trialId, t -> new CopyOnWriteArrayList<>())
        .add(
            Allocation.newBuilder()
                .setParticipantCode(code)
                .setSiteCode(site)
                .setKitCode("KIT-" + code)
                .setArm(arm)
                .build());
  }

  public static void reset() {
    unavailable = false;
    disclose = true;
  }

  @Override
  public Uni<ParticipantRecord> getParticipant(ParticipantRequest request) {
    if (unavailable) {
      return Uni.createFrom().failure(Status.UNAVAILABLE.asRuntimeException());
    }
    return Uni.createFrom()
        .item(
            PARTICIPANTS.getOrDefault(
                request.getParticipantCode(),
                ParticipantRecord.newBuilder().setFound(false).build()));
  }

  @Override
  public Uni<TrialProtocol> getTrialProtocol(TrialRequest request) {
    if (unavailable) {
      return Uni.createFrom().failure(Status.UNAVAILABLE.asRuntimeException());
    }
    var sites = TRIAL_SITES.get(request.getTrialId());
    if (sites == null) {
      return Uni.createFrom().item(TrialProtocol.newBuilder().setFound(false).build());
    }
    return Uni.createFrom()
        .item(
            TrialProtocol.newBuilder()
                .setFound(true)
                .setTrialId(request.getTrialId())
                // Every scripted trial belongs to sponsor.maps's organisation.
                .setSponsorId("maps")
                .setBlinded(!UNBLINDED.contains(request.getTrialId()))
                .addAllSiteCodes(sites)
                .build());
  }

  @Inject OnBehalfOf onBehalfOf;

  /** As recruitment-service does: the verified person's token decides, not a request field. */
  @Override
  public Uni<AllocationList> getAllocations(AllocationRequest request) {
    if (unavailable) {
      return Uni.createFrom().failure(Status.UNAVAILABLE.asRuntimeException());
    }
    return onBehalfOf
        .person()
        .map(
            person -> {
              var who = person.orElseThrow(() -> Status.UNAUTHENTICATED.asRuntimeException());
              if (!disclose || !who.hasRole("dsmb")) {
                return AllocationList.newBuilder().setDisclosed(false).build();
              }
              return AllocationList.newBuilder()
                  .setDisclosed(true)
                  .addAllAllocations(ALLOCATIONS.getOrDefault(request.getTrialId(), List.of()))
                  .build();
            });
  }
}

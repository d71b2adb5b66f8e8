package org.mdmaat.outcomes;

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
import org.mdmaat.platform.security.Caller;

/**
 * A ParticipantDirectory served by the test application itself. It discloses arms as
 * recruitment-service's contract says (an unblinded role: dsmb, pharmacist, unblinded statistician;
 * or the trial unblinded), unless a test scripts a refusal or an outage for a trial.
 */
@GrpcService
@RolesAllowed(CallingService.OUTCOMES)
public class ScriptedParticipantDirectory implements ParticipantDirectory {
  /** Trial id to participant code to arm. */
  public static final Map<String, Map<String, String>> ARMS = new ConcurrentHashMap<>();

  public static final Set<String> UNBLINDED = ConcurrentHashMap.newKeySet();
  public static final Set<String> REFUSING = ConcurrentHashMap.newKeySet();
  public static final Set<String> UNAVAILABLE = ConcurrentHashMap.newKeySet();
  public static final List<AllocationRequest> REQUESTS = new CopyOnWriteArrayList<>();

  /** The verified person of each GetAllocations call (their username), in order. */
  public static final List<String> PERSONS = new CopyOnWriteArrayList<>();

  @Inject OnBehalfOf onBehalfOf;

  @Override
  public Uni<AllocationList> getAllocations(AllocationRequest request) {
    REQUESTS.add(request);
    // As recruitment-service does: the verified person's token decides, not a request field.
    return onBehalfOf
        .person()
        .map(
            person -> {
              var who = person.orElseThrow(() -> Status.UNAUTHENTICATED.asRuntimeException());
              PERSONS.add(who.subject());
              return answer(request.getTrialId(), who);
            });
  }

  private static AllocationList answer(String trial, Caller person) {
    if (UNAVAILABLE.contains(trial)) {
      throw Status.UNAVAILABLE.asRuntimeException();
    }
    boolean allowed = !REFUSING.contains(trial) && (UNBLINDED.contains(trial) || !person.blinded());
    if (!allowed) {
      return AllocationList.newBuilder().setDisclosed(false).build();
    }
    var list = AllocationList.newBuilder().setDisclosed(true);
    ARMS.getOrDefault(trial, Map.of())
        .forEach(
            (code, arm) ->
                list.addAllocations(
                    Allocation.newBuilder()
                        .setParticipantCode(code)
                        .setSiteCode("US-SF-01")
                        .setKitCode("KIT-" + code)
                        .setArm(arm)));
    return list.build();
  }

  /** Participant code to what GetParticipant answers (screening); unknown otherwise. */
  public static final Map<String, ParticipantRecord> PARTICIPANTS = new ConcurrentHashMap<>();

  @Override
  public Uni<ParticipantRecord> getParticipant(ParticipantRequest request) {
    // UNAVAILABLE holds trial ids, and participant codes for GetParticipant outages.
    if (UNAVAILABLE.contains(request.getParticipantCode())) {
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
    if (UNAVAILABLE.contains(request.getTrialId())) {
      return Uni.createFrom().failure(Status.UNAVAILABLE.asRuntimeException());
    }
    // Every scripted trial belongs to sponsor.maps's (and dsmb.chair's) organisation.
    return Uni.createFrom()
        .item(
            TrialProtocol.newBuilder()
                .setFound(true)
                .setTrialId(request.getTrialId())
                .setSponsorId("maps")
                .build());
  }
}

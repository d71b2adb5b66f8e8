package org.mdmaat.session;

import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.mdmaat.contracts.grpc.recruitment.AllocationList;
import org.mdmaat.contracts.grpc.recruitment.AllocationRequest;
import org.mdmaat.contracts.grpc.recruitment.ParticipantDirectory;
import org.mdmaat.contracts.grpc.recruitment.ParticipantRecord;
import org.mdmaat.contracts.grpc.recruitment.ParticipantRequest;
import org.mdmaat.contracts.grpc.recruitment.ParticipantStatus;
import org.mdmaat.contracts.grpc.recruitment.TrialProtocol;
import org.mdmaat.contracts.grpc.recruitment.TrialRequest;

/**
 * A ParticipantDirectory served by the test application itself, answering from what each test
 * registered. The real recruitment-service answers in system-tests.
 */
@GrpcService
public class ScriptedParticipantDirectory implements ParticipantDirectory {
  public static final Map<String, ParticipantRecord> PARTICIPANTS = new ConcurrentHashMap<>();
  public static final Map<String, TrialProtocol> PROTOCOLS = new ConcurrentHashMap<>();

  /** When set, every call fails as if recruitment-service were down. */
  public static volatile boolean unavailable;

  public static void register(String code, String site, ParticipantStatus status, double weightKg) {
    PARTICIPANTS.put(
        code,
        ParticipantRecord.newBuilder()
            .setFound(true)
            .setParticipantCode(code)
            .setTrialId("MAPP-TEST")
            .setSiteCode(site)
            .setStatus(status)
            .setWeightKg(weightKg)
            .setKitCode("KIT-" + code)
            .build());
  }

  @Override
  public Uni<ParticipantRecord> getParticipant(ParticipantRequest request) {
    if (unavailable) {
      return Uni.createFrom().failure(Status.UNAVAILABLE.asRuntimeException());
    }
    return Uni.createFrom()
        .item(
            PARTICIPANTS.getOrDefault(
                request.getParticipantCode(), ParticipantRecord.newBuilder().build()));
  }

  @Override
  public Uni<TrialProtocol> getTrialProtocol(TrialRequest request) {
    if (unavailable) {
      return Uni.createFrom().failure(Status.UNAVAILABLE.asRuntimeException());
    }
    return Uni.createFrom()
        .item(PROTOCOLS.getOrDefault(request.getTrialId(), TrialProtocol.newBuilder().build()));
  }

  @Override
  public Uni<AllocationList> getAllocations(AllocationRequest request) {
    return Uni.createFrom().item(AllocationList.newBuilder().setDisclosed(false).build());
  }
}

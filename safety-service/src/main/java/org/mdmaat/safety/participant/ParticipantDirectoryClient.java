package org.mdmaat.safety.participant;

import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.mdmaat.contracts.grpc.recruitment.AllocationList;
import org.mdmaat.contracts.grpc.recruitment.AllocationRequest;
import org.mdmaat.contracts.grpc.recruitment.MutinyParticipantDirectoryGrpc.MutinyParticipantDirectoryStub;
import org.mdmaat.contracts.grpc.recruitment.ParticipantRecord;
import org.mdmaat.contracts.grpc.recruitment.ParticipantRequest;
import org.mdmaat.contracts.grpc.recruitment.TrialProtocol;
import org.mdmaat.contracts.grpc.recruitment.TrialRequest;

/**
 * recruitment-service's ParticipantDirectory. Each call has a deadline and a circuit breaker;
 * callers turn every failure into a refusal (503), never into a guess.
 */
@ApplicationScoped
public class ParticipantDirectoryClient {
  private final MutinyParticipantDirectoryStub directory;

  ParticipantDirectoryClient(
      @GrpcClient("participant-directory") MutinyParticipantDirectoryStub directory) {
    this.directory = directory;
  }

  @Timeout(value = 3, unit = ChronoUnit.SECONDS)
  @CircuitBreaker(
      requestVolumeThreshold = 4,
      failureRatio = 0.5,
      delay = 5,
      delayUnit = ChronoUnit.SECONDS)
  public Uni<ParticipantRecord> participant(String participantCode) {
    return directory
        .withDeadlineAfter(2, TimeUnit.SECONDS)
        .getParticipant(
            ParticipantRequest.newBuilder().setParticipantCode(participantCode).build());
  }

  @Timeout(value = 3, unit = ChronoUnit.SECONDS)
  @CircuitBreaker(
      requestVolumeThreshold = 4,
      failureRatio = 0.5,
      delay = 5,
      delayUnit = ChronoUnit.SECONDS)
  public Uni<TrialProtocol> protocol(String trialId) {
    return directory
        .withDeadlineAfter(2, TimeUnit.SECONDS)
        .getTrialProtocol(TrialRequest.newBuilder().setTrialId(trialId).build());
  }

  @Timeout(value = 5, unit = ChronoUnit.SECONDS)
  @CircuitBreaker(
      requestVolumeThreshold = 4,
      failureRatio = 0.5,
      delay = 5,
      delayUnit = ChronoUnit.SECONDS)
  public Uni<AllocationList> allocations(String trialId, String requestedBy, String role) {
    return directory
        .withDeadlineAfter(4, TimeUnit.SECONDS)
        .getAllocations(
            AllocationRequest.newBuilder()
                .setTrialId(trialId)
                .setRequestedBy(requestedBy)
                .setRequesterRole(role)
                .build());
  }
}

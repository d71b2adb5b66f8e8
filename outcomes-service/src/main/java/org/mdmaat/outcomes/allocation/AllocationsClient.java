package org.mdmaat.outcomes.allocation;

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
import org.mdmaat.contracts.grpc.recruitment.TrialProtocol;
import org.mdmaat.contracts.grpc.recruitment.TrialRequest;
import org.mdmaat.outcomes.OutcomesConfig;

/**
 * Asks recruitment-service for the arms of a trial (it decides and audits each disclosure) and for
 * the trial's protocol (its owning sponsor).
 */
@ApplicationScoped
public class AllocationsClient {
  private final MutinyParticipantDirectoryStub directory;
  private final OutcomesConfig config;

  AllocationsClient(
      @GrpcClient("participant-directory") MutinyParticipantDirectoryStub directory,
      OutcomesConfig config) {
    this.directory = directory;
    this.config = config;
  }

  @Timeout(value = 4, unit = ChronoUnit.SECONDS)
  @CircuitBreaker(
      requestVolumeThreshold = 4,
      failureRatio = 0.5,
      delay = 5,
      delayUnit = ChronoUnit.SECONDS)
  public Uni<AllocationList> allocations(String trialId, String requestedBy, String role) {
    return directory
        .withDeadlineAfter(config.participantDirectoryDeadline().toMillis(), TimeUnit.MILLISECONDS)
        .getAllocations(
            AllocationRequest.newBuilder()
                .setTrialId(trialId)
                .setRequestedBy(requestedBy)
                .setRequesterRole(role)
                .build());
  }

  @Timeout(value = 4, unit = ChronoUnit.SECONDS)
  @CircuitBreaker(
      requestVolumeThreshold = 4,
      failureRatio = 0.5,
      delay = 5,
      delayUnit = ChronoUnit.SECONDS)
  public Uni<TrialProtocol> protocol(String trialId) {
    return directory
        .withDeadlineAfter(config.participantDirectoryDeadline().toMillis(), TimeUnit.MILLISECONDS)
        .getTrialProtocol(TrialRequest.newBuilder().setTrialId(trialId).build());
  }
}

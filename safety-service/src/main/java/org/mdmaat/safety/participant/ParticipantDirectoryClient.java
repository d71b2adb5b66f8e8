package org.mdmaat.safety.participant;

import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdmaat.contracts.grpc.recruitment.AllocationList;
import org.mdmaat.contracts.grpc.recruitment.AllocationRequest;
import org.mdmaat.contracts.grpc.recruitment.MutinyParticipantDirectoryGrpc.MutinyParticipantDirectoryStub;
import org.mdmaat.contracts.grpc.recruitment.ParticipantRecord;
import org.mdmaat.contracts.grpc.recruitment.ParticipantRequest;
import org.mdmaat.contracts.grpc.recruitment.TrialProtocol;
import org.mdmaat.contracts.grpc.recruitment.TrialRequest;
import org.mdmaat.platform.calls.ServiceCalls;
import org.mdmaat.platform.security.Bearer;

/**
 * recruitment-service's ParticipantDirectory, called as safety-service ({@link ServiceCalls}: its
 * token, deadline and circuit breaker); callers turn every failure into a refusal (503), never into
 * a guess.
 */
@ApplicationScoped
public class ParticipantDirectoryClient {
  static final String CLIENT = "participant-directory";

  private final MutinyParticipantDirectoryStub directory;
  private final ServiceCalls calls;

  ParticipantDirectoryClient(
      @GrpcClient(CLIENT) MutinyParticipantDirectoryStub directory, ServiceCalls calls) {
    this.directory = directory;
    this.calls = calls;
  }

  public Uni<ParticipantRecord> participant(String participantCode) {
    return calls.call(
        CLIENT,
        directory,
        stub ->
            stub.getParticipant(
                ParticipantRequest.newBuilder().setParticipantCode(participantCode).build()));
  }

  public Uni<TrialProtocol> protocol(String trialId) {
    return calls.call(
        CLIENT,
        directory,
        stub -> stub.getTrialProtocol(TrialRequest.newBuilder().setTrialId(trialId).build()));
  }

  /** The arms, on behalf of {@code person}: recruitment-service decides on their verified token. */
  public Uni<AllocationList> allocations(String trialId, Bearer person) {
    return calls.callFor(
        CLIENT,
        person,
        directory,
        stub -> stub.getAllocations(AllocationRequest.newBuilder().setTrialId(trialId).build()));
  }
}

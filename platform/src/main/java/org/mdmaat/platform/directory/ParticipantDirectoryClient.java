package org.mdmaat.platform.directory;

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
 * recruitment-service's ParticipantDirectory, called as this service ({@link ServiceCalls}: its
 * token, the client's deadline and circuit breaker), over gRPC client {@value #CLIENT} ({@code
 * quarkus.grpc.clients.participant-directory.*}). Answers as they come: a failed call stays a
 * failure and a record that was not found says so ({@code found=false}). Each caller turns both
 * into its own refusal (fail closed), never into a default.
 */
@ApplicationScoped
public class ParticipantDirectoryClient {
  public static final String CLIENT = "participant-directory";

  private final MutinyParticipantDirectoryStub directory;
  private final ServiceCalls calls;

  ParticipantDirectoryClient(
      @GrpcClient(CLIENT) MutinyParticipantDirectoryStub directory, ServiceCalls calls) {
    this.directory = directory;
    this.calls = calls;
  }

  /** The participant's trial facts (never a name, never an arm). */
  public Uni<ParticipantRecord> participant(String participantCode) {
    return calls.call(
        CLIENT,
        directory,
        stub ->
            stub.getParticipant(
                ParticipantRequest.newBuilder().setParticipantCode(participantCode).build()));
  }

  /** The trial's settings: regimen, visit template, sites, owning sponsor. */
  public Uni<TrialProtocol> protocol(String trialId) {
    return calls.call(
        CLIENT,
        directory,
        stub -> stub.getTrialProtocol(TrialRequest.newBuilder().setTrialId(trialId).build()));
  }

  /**
   * The arms, on behalf of {@code person}: recruitment-service decides on their verified token and
   * audits the disclosure; {@code disclosed=false} is a refusal.
   */
  public Uni<AllocationList> allocations(String trialId, Bearer person) {
    return calls.callFor(
        CLIENT,
        person,
        directory,
        stub -> stub.getAllocations(AllocationRequest.newBuilder().setTrialId(trialId).build()));
  }
}

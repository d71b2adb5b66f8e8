package org.mdmaat.outcomes.allocation;

import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdmaat.contracts.grpc.recruitment.AllocationList;
import org.mdmaat.contracts.grpc.recruitment.AllocationRequest;
import org.mdmaat.contracts.grpc.recruitment.MutinyParticipantDirectoryGrpc.MutinyParticipantDirectoryStub;
import org.mdmaat.contracts.grpc.recruitment.TrialProtocol;
import org.mdmaat.contracts.grpc.recruitment.TrialRequest;
import org.mdmaat.platform.calls.ServiceCalls;
import org.mdmaat.platform.security.Bearer;

/**
 * Asks recruitment-service, as outcomes-service ({@link ServiceCalls}), for the arms of a trial (it
 * decides on the verified person asking, and audits each disclosure) and for the trial's protocol
 * (its owning sponsor).
 */
@ApplicationScoped
public class AllocationsClient {
  static final String CLIENT = "participant-directory";

  private final MutinyParticipantDirectoryStub directory;
  private final ServiceCalls calls;

  AllocationsClient(
      @GrpcClient(CLIENT) MutinyParticipantDirectoryStub directory, ServiceCalls calls) {
    this.directory = directory;
    this.calls = calls;
  }

  public Uni<AllocationList> allocations(String trialId, Bearer person) {
    return calls.callFor(
        CLIENT,
        person,
        directory,
        stub -> stub.getAllocations(AllocationRequest.newBuilder().setTrialId(trialId).build()));
  }

  public Uni<TrialProtocol> protocol(String trialId) {
    return calls.call(
        CLIENT,
        directory,
        stub -> stub.getTrialProtocol(TrialRequest.newBuilder().setTrialId(trialId).build()));
  }
}

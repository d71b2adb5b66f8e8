package org.mdmaat.outcomes.screening;

import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdmaat.contracts.grpc.recruitment.MutinyParticipantDirectoryGrpc.MutinyParticipantDirectoryStub;
import org.mdmaat.contracts.grpc.recruitment.ParticipantRecord;
import org.mdmaat.contracts.grpc.recruitment.ParticipantRequest;
import org.mdmaat.platform.calls.ServiceCalls;

/**
 * Asks recruitment-service, as outcomes-service ({@link ServiceCalls}), for a candidate's trial,
 * site and lifecycle status: a screening CAPS-5 needs recorded consent. Callers treat every failure
 * as "consent not shown" and refuse.
 */
@ApplicationScoped
public class CandidateDirectory {
  static final String CLIENT = "participant-directory";

  private final MutinyParticipantDirectoryStub directory;
  private final ServiceCalls calls;

  CandidateDirectory(
      @GrpcClient(CLIENT) MutinyParticipantDirectoryStub directory, ServiceCalls calls) {
    this.directory = directory;
    this.calls = calls;
  }

  public Uni<ParticipantRecord> candidate(String participantCode) {
    return calls.call(
        CLIENT,
        directory,
        stub ->
            stub.getParticipant(
                ParticipantRequest.newBuilder().setParticipantCode(participantCode).build()));
  }
}

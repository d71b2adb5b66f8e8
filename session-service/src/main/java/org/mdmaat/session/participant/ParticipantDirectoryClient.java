package org.mdmaat.session.participant;

import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdmaat.contracts.grpc.recruitment.MutinyParticipantDirectoryGrpc.MutinyParticipantDirectoryStub;
import org.mdmaat.contracts.grpc.recruitment.ParticipantRecord;
import org.mdmaat.contracts.grpc.recruitment.ParticipantRequest;
import org.mdmaat.contracts.grpc.recruitment.TrialProtocol;
import org.mdmaat.contracts.grpc.recruitment.TrialRequest;
import org.mdmaat.platform.calls.ServiceCalls;

/**
 * Asks recruitment-service about participants and trial settings, as session-service ({@link
 * ServiceCalls}: its token, deadline and circuit breaker). Callers deciding about a dose treat
 * every failure as "no".
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
}

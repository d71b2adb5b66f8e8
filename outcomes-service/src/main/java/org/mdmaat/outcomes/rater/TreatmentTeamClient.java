package org.mdmaat.outcomes.rater;

import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdmaat.contracts.grpc.session.MutinyTreatmentTeamGrpc.MutinyTreatmentTeamStub;
import org.mdmaat.contracts.grpc.session.TreatmentTeamReply;
import org.mdmaat.contracts.grpc.session.TreatmentTeamRequest;
import org.mdmaat.platform.calls.ServiceCalls;

/**
 * Asks session-service who treated a participant, as outcomes-service ({@link ServiceCalls}).
 * Callers treat every failure as "independence not shown" and refuse the rating.
 */
@ApplicationScoped
public class TreatmentTeamClient {
  static final String CLIENT = "treatment-team";

  private final MutinyTreatmentTeamStub team;
  private final ServiceCalls calls;

  TreatmentTeamClient(@GrpcClient(CLIENT) MutinyTreatmentTeamStub team, ServiceCalls calls) {
    this.team = team;
    this.calls = calls;
  }

  public Uni<TreatmentTeamReply> teamOf(String participantCode) {
    return calls.call(
        CLIENT,
        team,
        stub ->
            stub.getTreatmentTeam(
                TreatmentTeamRequest.newBuilder().setParticipantCode(participantCode).build()));
  }
}

package org.mdmaat.outcomes.rater;

import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.mdmaat.contracts.grpc.session.MutinyTreatmentTeamGrpc.MutinyTreatmentTeamStub;
import org.mdmaat.contracts.grpc.session.TreatmentTeamReply;
import org.mdmaat.contracts.grpc.session.TreatmentTeamRequest;
import org.mdmaat.outcomes.OutcomesConfig;

/**
 * Asks session-service who treated a participant. Callers treat every failure as "independence not
 * shown" and refuse the rating.
 */
@ApplicationScoped
public class TreatmentTeamClient {
  private final MutinyTreatmentTeamStub team;
  private final OutcomesConfig config;

  TreatmentTeamClient(
      @GrpcClient("treatment-team") MutinyTreatmentTeamStub team, OutcomesConfig config) {
    this.team = team;
    this.config = config;
  }

  @Timeout(value = 3, unit = ChronoUnit.SECONDS)
  @CircuitBreaker(
      requestVolumeThreshold = 4,
      failureRatio = 0.5,
      delay = 5,
      delayUnit = ChronoUnit.SECONDS)
  public Uni<TreatmentTeamReply> teamOf(String participantCode) {
    // A deadline per call: one set in configuration is fixed when the stub is made.
    return team.withDeadlineAfter(config.treatmentTeamDeadline().toMillis(), TimeUnit.MILLISECONDS)
        .getTreatmentTeam(
            TreatmentTeamRequest.newBuilder().setParticipantCode(participantCode).build());
  }
}

package org.mdmaat.outcomes;

import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.mdmaat.contracts.grpc.session.TreatmentTeam;
import org.mdmaat.contracts.grpc.session.TreatmentTeamReply;
import org.mdmaat.contracts.grpc.session.TreatmentTeamRequest;
import org.mdmaat.platform.calls.CallingService;

/**
 * A TreatmentTeam served by the test application itself, answering as each test scripts it. The
 * real session-service answers in system-tests.
 */
@GrpcService
@RolesAllowed(CallingService.OUTCOMES)
public class ScriptedTreatmentTeam implements TreatmentTeam {
  /** Participant code to the usernames who treated them; everyone else has an empty team. */
  public static final Map<String, List<String>> TEAMS = new ConcurrentHashMap<>();

  /** Participant codes for which the service fails as if unreachable. */
  public static final java.util.Set<String> UNAVAILABLE_FOR = ConcurrentHashMap.newKeySet();

  @Override
  public Uni<TreatmentTeamReply> getTreatmentTeam(TreatmentTeamRequest request) {
    if (UNAVAILABLE_FOR.contains(request.getParticipantCode())) {
      return Uni.createFrom().failure(Status.UNAVAILABLE.asRuntimeException());
    }
    return Uni.createFrom()
        .item(
            TreatmentTeamReply.newBuilder()
                .setParticipantCode(request.getParticipantCode())
                .addAllTherapists(TEAMS.getOrDefault(request.getParticipantCode(), List.of()))
                .build());
  }
}

package org.mdmaat.outcomes.screening;

import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import org.mdmaat.contracts.grpc.outcomes.ScreeningAssessments;
import org.mdmaat.contracts.grpc.outcomes.ScreeningCaps5;
import org.mdmaat.contracts.grpc.outcomes.ScreeningCaps5Request;
import org.mdmaat.platform.calls.CallingService;

/**
 * recruitment-service's question at an eligibility signature: the candidate's screening CAPS-5
 * (total and the DSM-5 diagnosis). Only recruitment-service, by its own verified token, is
 * answered: no token is UNAUTHENTICATED, a person's or another service's token PERMISSION_DENIED.
 */
@GrpcService
public class ScreeningAssessmentsEndpoint implements ScreeningAssessments {
  private final ScreeningService screening;

  ScreeningAssessmentsEndpoint(ScreeningService screening) {
    this.screening = screening;
  }

  @Override
  @RolesAllowed(CallingService.RECRUITMENT)
  public Uni<ScreeningCaps5> getScreeningCaps5(ScreeningCaps5Request request) {
    var code = request.getParticipantCode();
    if (code.isBlank()) {
      return Uni.createFrom().item(ScreeningCaps5.newBuilder().setFound(false).build());
    }
    return screening
        .latest(code)
        .map(
            found ->
                found
                    .map(
                        s ->
                            ScreeningCaps5.newBuilder()
                                .setFound(true)
                                .setParticipantCode(s.participantCode)
                                .setTrialId(s.trialId)
                                .setSiteCode(s.siteCode)
                                .setAssessmentId(s.id.toString())
                                .setTotal(s.total)
                                .setPtsdDiagnosis(s.ptsdDiagnosis)
                                .setRatedBy(s.recordedBy)
                                .setAdministeredAt(s.administeredAt.toString())
                                .build())
                    .orElseGet(
                        () ->
                            ScreeningCaps5.newBuilder()
                                .setFound(false)
                                .setParticipantCode(code)
                                .build()));
  }
}

package org.mdmaat.recruitment.participant;

import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdmaat.contracts.grpc.outcomes.MutinyScreeningAssessmentsGrpc.MutinyScreeningAssessmentsStub;
import org.mdmaat.contracts.grpc.outcomes.ScreeningCaps5;
import org.mdmaat.contracts.grpc.outcomes.ScreeningCaps5Request;
import org.mdmaat.platform.calls.ServiceCalls;

/**
 * Asks outcomes-service, as recruitment-service ({@link ServiceCalls}), for a candidate's screening
 * CAPS-5. Callers treat every failure as "not shown" and refuse the eligibility signature.
 */
@ApplicationScoped
public class ScreeningCaps5Client {
  static final String CLIENT = "screening-assessments";

  private final MutinyScreeningAssessmentsStub screening;
  private final ServiceCalls calls;

  ScreeningCaps5Client(
      @GrpcClient(CLIENT) MutinyScreeningAssessmentsStub screening, ServiceCalls calls) {
    this.screening = screening;
    this.calls = calls;
  }

  public Uni<ScreeningCaps5> screeningCaps5(String participantCode) {
    return calls.call(
        CLIENT,
        screening,
        stub ->
            stub.getScreeningCaps5(
                ScreeningCaps5Request.newBuilder().setParticipantCode(participantCode).build()));
  }
}

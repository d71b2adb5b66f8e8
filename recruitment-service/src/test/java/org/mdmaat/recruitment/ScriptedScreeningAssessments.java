package org.mdmaat.recruitment;

import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.mdmaat.contracts.grpc.outcomes.ScreeningAssessments;
import org.mdmaat.contracts.grpc.outcomes.ScreeningCaps5;
import org.mdmaat.contracts.grpc.outcomes.ScreeningCaps5Request;
import org.mdmaat.platform.calls.CallingService;

/**
 * outcomes-service's ScreeningAssessments, served by the test application itself and answering
 * recruitment-service's own token only, as outcomes-service does: the screening CAPS-5 a test
 * scripts for a participant, none otherwise, or an outage.
 */
@GrpcService
@RolesAllowed(CallingService.RECRUITMENT)
public class ScriptedScreeningAssessments implements ScreeningAssessments {
  public static final Map<String, ScreeningCaps5> CAPS5 = new ConcurrentHashMap<>();
  public static final Set<String> UNAVAILABLE = ConcurrentHashMap.newKeySet();
  public static final List<String> ASKED = new CopyOnWriteArrayList<>();

  /** Scripts a rater's screening CAPS-5 of {@code code} in {@code trial}. */
  public static void rated(String code, String trial, int total, boolean diagnosis) {
    CAPS5.put(
        code,
        ScreeningCaps5.newBuilder()
            .setFound(true)
            .setParticipantCode(code)
            .setTrialId(trial)
            .setSiteCode("US-SF-01")
            .setAssessmentId("caps5-" + code)
            .setTotal(total)
            .setPtsdDiagnosis(diagnosis)
            .setRatedBy("rater.sf")
            .setAdministeredAt("2026-01-11T10:00:00Z")
            .build());
  }

  @Override
  public Uni<ScreeningCaps5> getScreeningCaps5(ScreeningCaps5Request request) {
    var code = request.getParticipantCode();
    ASKED.add(code);
    if (UNAVAILABLE.contains(code)) {
      return Uni.createFrom().failure(Status.UNAVAILABLE.asRuntimeException());
    }
    return Uni.createFrom()
        .item(
            CAPS5.getOrDefault(
                code,
                ScreeningCaps5.newBuilder().setFound(false).setParticipantCode(code).build()));
  }
}

package org.mdmaat.safety.hold;

import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.mdmaat.contracts.grpc.safety.DosingClearance;
import org.mdmaat.contracts.grpc.safety.DosingClearanceRequest;
import org.mdmaat.contracts.grpc.safety.PreDoseVitals;
import org.mdmaat.contracts.grpc.safety.PreDoseVitalsRecorded;
import org.mdmaat.contracts.grpc.safety.SafetyGate;
import org.mdmaat.contracts.grpc.safety.VitalsLevel;
import org.mdmaat.contracts.grpc.safety.VitalsRecorders;
import org.mdmaat.contracts.grpc.safety.VitalsRecordersRequest;
import org.mdmaat.platform.calls.CallingService;
import org.mdmaat.safety.stopping.StoppingRules;
import org.mdmaat.safety.vitals.SourceKind;
import org.mdmaat.safety.vitals.VitalReading;
import org.mdmaat.safety.vitals.VitalsService;

/**
 * Answers session-service: before every dose, cleared only when no hold is active, with the
 * participant's current vitals level; who recorded a participant's vital signs; and stores the
 * pre-dose vitals it took.
 */
@GrpcService
@RolesAllowed(CallingService.SESSION)
public class SafetyGateEndpoint implements SafetyGate {
  private static final Logger LOG = Logger.getLogger(SafetyGateEndpoint.class);

  private final DosingHoldService holds;
  private final VitalsService vitals;
  private final StoppingRules stoppingRules;

  SafetyGateEndpoint(DosingHoldService holds, VitalsService vitals, StoppingRules stoppingRules) {
    this.holds = holds;
    this.vitals = vitals;
    this.stoppingRules = stoppingRules;
  }

  @Override
  public Uni<DosingClearance> checkDosingClearance(DosingClearanceRequest request) {
    if (request.getParticipantCode().isBlank()) {
      // No participant named: nothing can be shown safe.
      return Uni.createFrom()
          .item(
              DosingClearance.newBuilder()
                  .setCleared(false)
                  .addReasons("no participant code in the request")
                  .build());
    }
    var participant = request.getParticipantCode();
    return holds
        .activeFor(participant)
        .flatMap(
            active ->
                stoppingRules
                    .dosingSuspensions(participant, request.getTrialId())
                    .flatMap(
                        suspensions ->
                            vitals
                                .current(participant)
                                .map(
                                    current ->
                                        DosingClearance.newBuilder()
                                            .setCleared(active.isEmpty() && suspensions.isEmpty())
                                            .addAllReasons(
                                                active.stream()
                                                    .map(
                                                        h ->
                                                            "dosing hold "
                                                                + h.id
                                                                + " ("
                                                                + h.cause
                                                                + "): "
                                                                + h.reason)
                                                    .toList())
                                            .addAllReasons(suspensions)
                                            .setVitalsLevel(level(current.level()))
                                            .addAllVitalsFindings(current.findings())
                                            .build())));
  }

  private static VitalsLevel level(VitalsService.CurrentVitals.Level level) {
    return switch (level) {
      case NO_READINGS -> VitalsLevel.VITALS_NO_READINGS;
      case IN_RANGE -> VitalsLevel.VITALS_IN_RANGE;
      case WARN -> VitalsLevel.VITALS_WARN;
      case CRITICAL -> VitalsLevel.VITALS_CRITICAL;
    };
  }

  /**
   * Stores session-service's pre-dose vitals as a reading of the dosing session (alerts and holds
   * as for any reading). A request missing an id, participant, trial, site, session, time or
   * checker, or with no vital, is INVALID_ARGUMENT; anything not stored is an error, so the dose is
   * refused.
   */
  @Override
  public Uni<PreDoseVitalsRecorded> recordPreDoseVitals(PreDoseVitals request) {
    UUID readingId;
    OffsetDateTime measuredAt;
    try {
      readingId = UUID.fromString(request.getReadingId());
      measuredAt = OffsetDateTime.parse(request.getMeasuredAt());
    } catch (IllegalArgumentException | DateTimeParseException e) {
      return invalid("reading_id must be a UUID and measured_at an ISO-8601 time with offset");
    }
    if (request.getParticipantCode().isBlank()
        || request.getTrialId().isBlank()
        || request.getSiteCode().isBlank()
        || request.getSessionId().isBlank()
        || request.getCheckedBy().isBlank()) {
      return invalid("participant, trial, site, session and checker are required");
    }
    var reading =
        new VitalReading(
            measuredAt,
            request.hasSystolic() ? request.getSystolic() : null,
            request.hasDiastolic() ? request.getDiastolic() : null,
            request.hasHeartRate() ? request.getHeartRate() : null,
            request.hasTemperatureC() ? request.getTemperatureC() : null,
            request.hasSpo2() ? request.getSpo2() : null,
            SourceKind.STAFF,
            "session-service pre-dose check " + request.getSessionId());
    if (!reading.isAnyVital()) {
      return invalid("a reading needs at least one vital sign");
    }
    return vitals
        .recordPreDose(
            new VitalsService.PreDoseReading(
                readingId,
                request.getParticipantCode(),
                request.getTrialId(),
                request.getSiteCode(),
                request.getSessionId(),
                request.getCheckedBy(),
                reading))
        .map(
            result ->
                PreDoseVitalsRecorded.newBuilder()
                    .setReadingId(readingId.toString())
                    .setStored(result.stored())
                    .addAllAlerts(result.alerts().stream().map(a -> a.summary()).toList())
                    .build())
        .onFailure()
        .transform(
            failure -> {
              LOG.warnf(
                  "pre-dose vitals of %s not stored: %s",
                  request.getParticipantCode(), failure.toString());
              return Status.FAILED_PRECONDITION
                  .withDescription("pre-dose vitals not stored: " + failure.getMessage())
                  .asRuntimeException();
            });
  }

  private static <T> Uni<T> invalid(String why) {
    return Uni.createFrom()
        .failure(Status.INVALID_ARGUMENT.withDescription(why).asRuntimeException());
  }

  /**
   * The distinct usernames that recorded vital signs for the participant, sorted. A participant
   * without readings (unknown here, or no code given) has none: an empty list, not an error.
   */
  @Override
  public Uni<VitalsRecorders> getVitalsRecorders(VitalsRecordersRequest request) {
    var participant = request.getParticipantCode();
    var answer = VitalsRecorders.newBuilder().setParticipantCode(participant);
    if (participant.isBlank()) {
      return Uni.createFrom().item(answer.build());
    }
    return vitals
        .recordersOf(participant)
        .map(recorders -> answer.addAllRecordedBy(recorders).build());
  }
}

package org.mdmaat.session.team;

import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.jboss.logging.Logger;
import org.mdmaat.contracts.grpc.session.TreatmentTeam;
import org.mdmaat.contracts.grpc.session.TreatmentTeamReply;
import org.mdmaat.contracts.grpc.session.TreatmentTeamRequest;
import org.mdmaat.platform.calls.CallingService;

/**
 * Who treated whom, for outcomes-service's independent-rater rule (it compares the rater's token
 * username with these names): everyone who was in the room for any of the participant's sessions.
 *
 * <ul>
 *   <li>every therapist booked on any of the participant's sessions (cancelled ones included: it
 *       errs toward "not independent");
 *   <li>every person who acted on the participant in session-service, from the audit chain: every
 *       entry about the participant whose actor is a person, whatever the step (check-in, pre-dose
 *       checks, doses and their dispenses, monitoring, completion, abort, and any step added
 *       later), except the booking itself (the {@code BOOK} of a session and the protocol deviation
 *       a booking records: office work). The audit entry is written in the same transaction as the
 *       step, so no committed step lacks one;
 *   <li>the recorded actors of the pre-dose checks and doses ({@code checked_by}, {@code
 *       recorded_by}), which the audit already holds: kept as a second source;
 *   <li>everyone who recorded the participant's vital signs, from safety-service ({@code
 *       SafetyGate.GetVitalsRecorders}).
 * </ul>
 *
 * Names are Keycloak usernames, which Keycloak keeps in lower case: every name is lower-cased, so a
 * legacy booking of "Alice" still matches the rater "alice". If any source cannot be read, in
 * particular if safety-service does not answer, the call fails with {@code UNAVAILABLE}: a partial
 * team would let a treating person rate.
 */
@GrpcService
@RolesAllowed(CallingService.OUTCOMES)
public class TreatmentTeamEndpoint implements TreatmentTeam {
  private static final Logger LOG = Logger.getLogger(TreatmentTeamEndpoint.class);

  static final String TEAM =
      "select lower(t.therapist) from session_therapist t"
          + " join protocol_session p on p.id = t.session_id where p.participant_code = :code"
          + " union select lower(a.actor) from audit_entry a where a.participant_code = :code"
          + " and a.actor not like 'system:%'"
          + " and not (a.entity_type = 'ProtocolSession' and a.action = 'BOOK')"
          + " and a.entity_type <> 'ProtocolDeviation'"
          + " union select lower(c.checked_by) from pre_dose_check c"
          + " join protocol_session p on p.id = c.session_id where p.participant_code = :code"
          + " union select lower(d.recorded_by) from dose d where d.participant_code = :code";

  private final VitalsRecordersClient vitals;

  TreatmentTeamEndpoint(VitalsRecordersClient vitals) {
    this.vitals = vitals;
  }

  @Override
  public Uni<TreatmentTeamReply> getTreatmentTeam(TreatmentTeamRequest request) {
    var code = request.getParticipantCode();
    if (code.isBlank()) {
      return Uni.createFrom()
          .failure(
              Status.INVALID_ARGUMENT
                  .withDescription("participant_code is required")
                  .asRuntimeException());
    }
    Uni<List<String>> local =
        Panache.withSession(
            () ->
                Panache.getSession()
                    .chain(
                        s ->
                            s.createNativeQuery(TEAM, String.class)
                                .setParameter("code", code)
                                .getResultList()));
    return local
        .onFailure()
        .transform(failure -> unavailable(code, "its own records could not be read", failure))
        .chain(
            names ->
                vitals
                    .recordersOf(code)
                    .onFailure()
                    .transform(
                        failure ->
                            unavailable(
                                code,
                                "safety-service gave no answer about who recorded vital signs",
                                failure))
                    .map(recorders -> team(code, names, recorders)));
  }

  private static RuntimeException unavailable(String code, String why, Throwable failure) {
    LOG.warnf("No treatment team for %s: %s: %s", code, why, failure.toString());
    return Status.UNAVAILABLE
        .withDescription("The treatment team of " + code + " cannot be told in full: " + why)
        .withCause(failure)
        .asRuntimeException();
  }

  static TreatmentTeamReply team(String code, List<String> local, List<String> recorders) {
    var all = new TreeSet<String>();
    for (var names : List.of(local, recorders)) {
      for (var name : names) {
        if (name != null && !name.isBlank()) {
          all.add(name.trim().toLowerCase(Locale.ROOT));
        }
      }
    }
    return TreatmentTeamReply.newBuilder().setParticipantCode(code).addAllTherapists(all).build();
  }
}

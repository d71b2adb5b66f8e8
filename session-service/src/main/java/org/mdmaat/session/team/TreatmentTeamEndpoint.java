package org.mdmaat.session.team;

import io.quarkus.grpc.GrpcService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.TreeSet;
import org.mdmaat.contracts.grpc.session.TreatmentTeam;
import org.mdmaat.contracts.grpc.session.TreatmentTeamReply;
import org.mdmaat.contracts.grpc.session.TreatmentTeamRequest;

/**
 * Who treated whom, for outcomes-service's independent-rater rule: every therapist booked on any of
 * the participant's sessions (a cancelled one included: it errs toward "not independent") and
 * everyone who recorded a dose for them.
 */
@GrpcService
public class TreatmentTeamEndpoint implements TreatmentTeam {
  @Override
  public Uni<TreatmentTeamReply> getTreatmentTeam(TreatmentTeamRequest request) {
    var code = request.getParticipantCode();
    return Panache.withSession(
            () ->
                Panache.getSession()
                    .chain(
                        s ->
                            s.createQuery(
                                    "select t.therapist from SessionTherapist t, ProtocolSession p"
                                        + " where p.id = t.sessionId and p.participantCode = :code",
                                    String.class)
                                .setParameter("code", code)
                                .getResultList()
                                .chain(
                                    booked ->
                                        s.createQuery(
                                                "select d.recordedBy from Dose d"
                                                    + " where d.participantCode = :code",
                                                String.class)
                                            .setParameter("code", code)
                                            .getResultList()
                                            .map(
                                                dosed -> {
                                                  var all = new TreeSet<String>(booked);
                                                  all.addAll(dosed);
                                                  return all;
                                                }))))
        .map(
            names ->
                TreatmentTeamReply.newBuilder()
                    .setParticipantCode(code)
                    .addAllTherapists(names)
                    .build());
  }
}

package org.mdmaat.session.dosing;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.mdmaat.platform.directory.ParticipantDirectoryClient;
import org.mdmaat.platform.reactive.CallerContext;
import org.mdmaat.platform.security.Scope;
import org.mdmaat.session.Problems;
import org.mdmaat.session.participant.Participant;

/**
 * Decides dosing clearance from both sources: the holds this service was told about, and
 * safety-service's answer. Clear only when both say so; no answer from safety-service is a no.
 */
@ApplicationScoped
public class DosingClearanceService {
  private static final Logger LOG = Logger.getLogger(DosingClearanceService.class);

  private final SafetyGateClient gate;
  private final ParticipantDirectoryClient directory;

  DosingClearanceService(SafetyGateClient gate, ParticipantDirectoryClient directory) {
    this.gate = gate;
    this.directory = directory;
  }

  /**
   * The clearance of a participant at one of the caller's sites: another site's participant, or one
   * neither this service nor recruitment-service knows, is a 404 (asked before safety-service).
   */
  public Uni<Clearance> clearance(String participantCode, Scope scope) {
    return siteOf(participantCode)
        .invoke(
            site -> {
              if (!scope.worksAt(site)) {
                throw Problems.NOT_FOUND.problem("No participant " + participantCode);
              }
            })
        // Through Panache rather than this bean's @WithSession, which a call on itself skips.
        .chain(() -> Panache.withSession(() -> clearance(participantCode)));
  }

  /**
   * The participant's site: from the local record of a randomized participant, else from
   * recruitment-service; null when neither knows them. 503 when recruitment-service must be asked
   * and does not answer.
   */
  public Uni<String> siteOf(String participantCode) {
    return Panache.withSession(() -> Participant.<Participant>findById(participantCode))
        .chain(
            local -> {
              if (local != null) {
                return Uni.createFrom().item(local.siteCode);
              }
              return CallerContext.resumeOn(directory.participant(participantCode))
                  .onFailure()
                  .transform(
                      failure ->
                          Problems.DIRECTORY_UNAVAILABLE.problem(
                              "The participant's site cannot be confirmed: recruitment-service"
                                  + " did not answer"))
                  .map(
                      record ->
                          record.getFound() && !record.getSiteCode().isBlank()
                              ? record.getSiteCode()
                              : null);
            });
  }

  @WithSession
  public Uni<Clearance> clearance(String participantCode) {
    return KnownDosingHold.<KnownDosingHold>list(
            "participantCode = ?1 and liftedAt is null order by placedAt", participantCode)
        .flatMap(
            known ->
                CallerContext.resumeOn(
                        gate.check(participantCode, known.isEmpty() ? null : known.get(0).trialId))
                    .onFailure()
                    .transform(
                        failure -> {
                          LOG.warnf(
                              "SafetyGate gave no answer for %s: %s",
                              participantCode, failure.toString());
                          return Problems.SAFETY_UNAVAILABLE.problem(
                              "Dosing clearance cannot be confirmed: safety-service did not answer");
                        })
                    .map(
                        answer -> {
                          List<String> reasons = new ArrayList<>(answer.getReasonsList());
                          List<String> holds =
                              known.stream()
                                  .map(h -> h.holdId + " (" + h.cause + "): " + h.reason)
                                  .toList();
                          holds.forEach(h -> reasons.add("known dosing hold " + h));
                          boolean cleared = answer.getCleared() && known.isEmpty();
                          return new Clearance(
                              participantCode,
                              cleared,
                              List.copyOf(reasons),
                              holds,
                              answer.getVitalsLevel().name(),
                              List.copyOf(answer.getVitalsFindingsList()));
                        }));
  }
}

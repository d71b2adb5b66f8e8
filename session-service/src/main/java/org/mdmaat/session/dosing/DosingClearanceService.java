package org.mdmaat.session.dosing;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.mdmaat.platform.problem.ServiceUnavailable;

/**
 * Decides dosing clearance from both sources: the holds this service was told about, and
 * safety-service's answer. Clear only when both say so; no answer from safety-service is a no.
 */
@ApplicationScoped
public class DosingClearanceService {
  private static final Logger LOG = Logger.getLogger(DosingClearanceService.class);

  private final SafetyGateClient gate;

  DosingClearanceService(SafetyGateClient gate) {
    this.gate = gate;
  }

  @WithSession
  public Uni<Clearance> clearance(String participantCode) {
    return KnownDosingHold.<KnownDosingHold>list(
            "participantCode = ?1 and liftedAt is null order by placedAt", participantCode)
        .flatMap(
            known ->
                gate.check(participantCode, known.isEmpty() ? null : known.get(0).trialId)
                    .onFailure()
                    .transform(
                        failure -> {
                          LOG.warnf(
                              "SafetyGate gave no answer for %s: %s",
                              participantCode, failure.toString());
                          return new ServiceUnavailable(
                              "SES-0503",
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
                              participantCode, cleared, List.copyOf(reasons), holds);
                        }));
  }
}

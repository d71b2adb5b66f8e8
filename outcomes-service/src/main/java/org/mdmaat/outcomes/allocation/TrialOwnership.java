package org.mdmaat.outcomes.allocation;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.mdmaat.outcomes.Problems;
import org.mdmaat.platform.directory.ParticipantDirectoryClient;
import org.mdmaat.platform.problem.Problem;
import org.mdmaat.platform.reactive.CallerContext;
import org.mdmaat.platform.security.Roles;
import org.mdmaat.platform.security.Scope;

/**
 * A sponsor (and a DSMB member or unblinded statistician, by their sponsor claim) reads only its
 * own trials' results. Which sponsor owns a trial is recruitment-service's to say; another
 * sponsor's trial looks like none (404), and no answer refuses the read (503).
 */
@ApplicationScoped
public class TrialOwnership {
  private static final Logger LOG = Logger.getLogger(TrialOwnership.class);

  private final ParticipantDirectoryClient client;

  TrialOwnership(ParticipantDirectoryClient client) {
    this.client = client;
  }

  /**
   * Completes when the caller of {@code scope} may read the trial. Not in a Panache session: call
   * before opening one.
   */
  public Uni<Void> check(String trialId, Scope scope) {
    if (!scope.hasRole(Roles.SPONSOR)
        && !scope.hasRole(Roles.DSMB)
        && !scope.hasRole(Roles.UNBLINDED_STATISTICIAN)) {
      return Uni.createFrom().voidItem();
    }
    var sponsor = scope.sponsor().orElse(null);
    if (sponsor == null || sponsor.isBlank()) {
      return Uni.createFrom().failure(notFound(trialId));
    }
    return CallerContext.resumeOn(client.protocol(trialId))
        .onFailure()
        .transform(
            failure -> {
              LOG.warnf("ParticipantDirectory gave no protocol for %s: %s", trialId, failure);
              return Problems.DIRECTORY_UNAVAILABLE.problem(
                  "The trial's sponsor cannot be confirmed: recruitment-service did not answer");
            })
        .invoke(
            protocol -> {
              if (!protocol.getFound() || !sponsor.equals(protocol.getSponsorId())) {
                throw notFound(trialId);
              }
            })
        .replaceWithVoid();
  }

  private static Problem notFound(String trialId) {
    return Problems.NOT_FOUND.problem("No trial " + trialId);
  }
}

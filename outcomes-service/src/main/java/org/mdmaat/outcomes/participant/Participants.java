package org.mdmaat.outcomes.participant;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.mdmaat.outcomes.Problems;

/** Finds participants within the caller's sites; another site's looks like a missing one. */
@ApplicationScoped
public class Participants {

  /**
   * Needs a session. 404 for an unknown participant or one at a site outside {@code sites} (the
   * caller's).
   */
  public Uni<TrialParticipant> visibleTo(Set<String> sites, String participantCode) {
    return TrialParticipant.<TrialParticipant>findById(participantCode)
        .map(
            participant -> {
              if (participant == null || !sites.contains(participant.siteCode)) {
                throw Problems.NOT_FOUND.problem("No participant " + participantCode);
              }
              return participant;
            });
  }

  /** Needs a session. Whether TrialUnblinded was received for the trial. */
  public Uni<Boolean> unblinded(String trialId) {
    return TrialUnblinding.findById(trialId).map(found -> found != null);
  }
}

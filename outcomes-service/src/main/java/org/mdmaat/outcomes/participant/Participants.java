package org.mdmaat.outcomes.participant;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdmaat.outcomes.Problems;
import org.mdmaat.platform.security.Caller;

/** Finds participants within the caller's sites; another site's looks like a missing one. */
@ApplicationScoped
public class Participants {

  /**
   * Needs a session. 404 for an unknown participant or one at a site the caller does not work at.
   */
  public Uni<TrialParticipant> visibleTo(Caller caller, String participantCode) {
    return TrialParticipant.<TrialParticipant>findById(participantCode)
        .map(
            participant -> {
              if (participant == null || !caller.sites().contains(participant.siteCode)) {
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

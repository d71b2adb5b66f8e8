package org.mdmaat.outcomes.participant;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.mdmaat.outcomes.Problems;
import org.mdmaat.platform.security.Scope;

/** Finds participants within the caller's sites; another site's looks like a missing one. */
@ApplicationScoped
public class Participants {

  /**
   * Needs a session. 404 for an unknown participant or one at a site outside the caller's ({@code
   * scope}).
   */
  public Uni<TrialParticipant> visibleTo(Scope scope, String participantCode) {
    return TrialParticipant.<TrialParticipant>findById(participantCode)
        .map(
            participant -> {
              if (participant == null || !scope.worksAt(participant.siteCode)) {
                throw Problems.NOT_FOUND.problem("No participant " + participantCode);
              }
              return participant;
            });
  }

  /**
   * Needs a session. When each emergency-unblinded participant of the trial was unblinded, by
   * participant code.
   */
  public Uni<Map<String, Instant>> emergencyUnblindings(String trialId) {
    return EmergencyUnblinding.<EmergencyUnblinding>list("trialId", trialId)
        .map(
            found -> {
              Map<String, Instant> at = new HashMap<>();
              found.forEach(u -> at.put(u.participantCode, u.unblindedAt));
              return at;
            });
  }

  /** Needs a session. When the participant's blind was broken, if it was. */
  public Uni<Optional<Instant>> emergencyUnblinded(String participantCode) {
    return EmergencyUnblinding.<EmergencyUnblinding>findById(participantCode)
        .map(found -> Optional.ofNullable(found).map(u -> u.unblindedAt));
  }

  /** Needs a session. Whether TrialUnblinded was received for the trial. */
  public Uni<Boolean> unblinded(String trialId) {
    return TrialUnblinding.findById(trialId).map(found -> found != null);
  }
}

package org.mdmaat.safety.sdtm;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.mdmaat.platform.security.Roles;
import org.mdmaat.platform.security.Scope;
import org.mdmaat.safety.Problems;
import org.mdmaat.safety.participant.ParticipantDirectory;
import org.mdmaat.safety.trial.TrialAccess;

/**
 * Who may download a trial's submission datasets: its sponsor at any time (VS and AE carry no arm),
 * a regulator once the trial is unblinded (a submission is read after unblinding; before, 409).
 * Another sponsor's trial answers like a missing one (404); no answer from recruitment-service 503.
 */
@ApplicationScoped
public class SdtmAccess {
  private final TrialAccess trials;
  private final ParticipantDirectory directory;

  SdtmAccess(TrialAccess trials, ParticipantDirectory directory) {
    this.trials = trials;
    this.directory = directory;
  }

  public Uni<Void> require(String trialId, Scope scope) {
    if (scope.hasRole(Roles.SPONSOR)) {
      return trials.requireSponsor(trialId, scope.sponsor().orElse(""));
    }
    if (scope.hasRole(Roles.REGULATOR)) {
      return directory
          .protocol(trialId)
          .invoke(
              protocol -> {
                if (protocol.getBlinded()) {
                  throw Problems.TRIAL_BLINDED.problem(
                      "Trial " + trialId + " is still blinded: its datasets are submitted after");
                }
              })
          .replaceWithVoid();
    }
    // The resource admits only these two roles; anyone else is refused rather than let through.
    return Uni.createFrom().failure(Problems.TRIAL_NOT_FOUND.problem("No trial " + trialId));
  }
}

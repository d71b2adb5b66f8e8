package org.mdmaat.outcomes.rater;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.mdmaat.outcomes.Problems;
import org.mdmaat.outcomes.instrument.Instrument;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.reactive.CallerContext;
import org.mdmaat.platform.security.Roles;

/**
 * Independent raters (FDA 2024: raters must never see dosing sessions): an instrument that needs
 * one is accepted only from a rater who is not on the participant's treatment team. When
 * session-service cannot say who treated the participant, independence is not shown: refuse.
 */
@ApplicationScoped
public class IndependentRaterRule {
  private static final Logger LOG = Logger.getLogger(IndependentRaterRule.class);

  private final TreatmentTeamClient teams;

  IndependentRaterRule(TreatmentTeamClient teams) {
    this.teams = teams;
  }

  /** Completes when {@code rater} may administer {@code instrument} to the participant. */
  public Uni<Void> check(Instrument instrument, Actor rater, String participantCode) {
    if (!instrument.requiresIndependentRater()) {
      return Uni.createFrom().voidItem();
    }
    if (!rater.roles().contains(Roles.RATER)) {
      return Uni.createFrom()
          .failure(
              Problems.RATER_ROLE_REQUIRED.problem(
                  instrument.code() + " is administered only by an independent rater"));
    }
    return CallerContext.resumeOn(teams.teamOf(participantCode))
        .onFailure()
        .transform(
            failure -> {
              LOG.warnf(
                  "TreatmentTeam gave no answer for %s: %s", participantCode, failure.toString());
              return Problems.TREATMENT_TEAM_UNAVAILABLE.problem(
                  "The rater's independence cannot be confirmed: session-service did not answer");
            })
        .map(
            reply -> {
              if (reply.getTherapistsList().contains(rater.subject())) {
                throw Problems.RATER_ON_TREATMENT_TEAM.problem(
                    "Independent-rater rule: "
                        + rater.subject()
                        + " is on the treatment team of "
                        + participantCode
                        + " and may not rate them");
              }
              return null;
            })
        .replaceWithVoid();
  }
}

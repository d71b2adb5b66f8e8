package org.mdmaat.safety.trial;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;
import org.mdmaat.platform.security.Roles;
import org.mdmaat.platform.security.Scope;
import org.mdmaat.safety.Problems;
import org.mdmaat.safety.participant.ParticipantDirectory;

/**
 * Who may act on a trial, as recruitment-service (which owns trials) tells: investigators when the
 * trial runs at one of their sites, sponsors when they own it. Unknown and not-yours look alike
 * (404); no answer is 503.
 */
@ApplicationScoped
public class TrialAccess {
  private final ParticipantDirectory directory;

  TrialAccess(ParticipantDirectory directory) {
    this.directory = directory;
  }

  /**
   * A sponsor ({@code sponsor} present, even blank) acts on its own trials, anyone else on the
   * trials of their {@code sites}: else 404; 503 if nobody can tell.
   */
  public Uni<Void> requireAccess(String trialId, Optional<String> sponsor, Set<String> sites) {
    return sponsor.isPresent()
        ? requireSponsor(trialId, sponsor.get())
        : requireSiteInTrial(trialId, sites);
  }

  /**
   * The caller may act on the trial: a sponsor on its own trials, anyone else on the trials of
   * their sites; else 404, and 503 if nobody can tell.
   */
  public Uni<Void> requireAccess(String trialId, Scope scope) {
    return requireAccess(trialId, actingSponsor(scope), scope.sites());
  }

  /**
   * The sponsor a caller acts for, as {@link #requireAccess} takes it: present for the sponsor role
   * (blank without a {@code sponsor} claim, which owns nothing), empty for everyone else.
   */
  public static Optional<String> actingSponsor(Scope scope) {
    return scope.hasRole(Roles.SPONSOR)
        ? Optional.of(scope.sponsor().orElse(""))
        : Optional.empty();
  }

  /**
   * Fails with 404 unless the caller's sponsor (by its {@code sponsor} claim: a sponsor or a DSMB
   * member) owns the trial; 503 if nobody can tell.
   */
  public Uni<Void> requireSponsor(String trialId, Scope scope) {
    return requireSponsor(trialId, scope.sponsor().orElse(null));
  }

  /** Fails with 404 unless the trial runs at one of {@code sites}; 503 if nobody can tell. */
  public Uni<Void> requireSiteInTrial(String trialId, Set<String> sites) {
    return directory
        .protocol(trialId)
        .invoke(
            protocol -> {
              if (protocol.getSiteCodesList().stream().noneMatch(sites::contains)) {
                throw Problems.TRIAL_NOT_FOUND.problem("No trial " + trialId);
              }
            })
        .replaceWithVoid();
  }

  /** Fails with 404 unless {@code sponsorId} owns the trial; 503 if nobody can tell. */
  public Uni<Void> requireSponsor(String trialId, String sponsorId) {
    if (sponsorId == null || sponsorId.isBlank()) {
      return Uni.createFrom().failure(Problems.TRIAL_NOT_FOUND.problem("No trial " + trialId));
    }
    return directory
        .protocol(trialId)
        .invoke(
            protocol -> {
              if (!sponsorId.equals(protocol.getSponsorId())) {
                throw Problems.TRIAL_NOT_FOUND.problem("No trial " + trialId);
              }
            })
        .replaceWithVoid();
  }
}

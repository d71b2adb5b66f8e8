package org.mdmaat.safety.trial;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;
import org.mdmaat.platform.problem.NotFound;
import org.mdmaat.safety.participant.ParticipantDirectory;

/**
 * Who may act on a trial. Investigators: the trial runs at one of their sites (asked of
 * recruitment-service). Sponsors: recruitment-service does not tell which sponsor owns a trial, so
 * the first sponsor to configure the trial here claims it (audited) and every other sponsor gets a
 * 404 from then on.
 */
@ApplicationScoped
public class TrialAccess {
  private final ParticipantDirectory directory;
  private final AuditTrail audit;

  TrialAccess(ParticipantDirectory directory, AuditTrail audit) {
    this.directory = directory;
    this.audit = audit;
  }

  /** Fails with 404 unless the trial runs at one of {@code sites}; 503 if nobody can tell. */
  public Uni<Void> requireSiteInTrial(String trialId, Set<String> sites) {
    return directory
        .protocol(trialId)
        .invoke(
            protocol -> {
              if (protocol.getSiteCodesList().stream().noneMatch(sites::contains)) {
                throw new NotFound("SAF-0404-TRIAL", "No trial " + trialId);
              }
            })
        .replaceWithVoid();
  }

  /** In the caller's transaction: the sponsor's claim on the trial, made on first use. */
  public Uni<Void> claim(String trialId, String sponsorId, Actor actor) {
    if (sponsorId == null) {
      return Uni.createFrom().failure(new NotFound("SAF-0404-TRIAL", "No trial " + trialId));
    }
    return TrialSponsor.<TrialSponsor>findById(trialId)
        .flatMap(
            existing -> {
              if (existing != null) {
                if (!existing.sponsorId.equals(sponsorId)) {
                  throw new NotFound("SAF-0404-TRIAL", "No trial " + trialId);
                }
                return Uni.createFrom().voidItem();
              }
              var claim = new TrialSponsor();
              claim.trialId = trialId;
              claim.sponsorId = sponsorId;
              claim.claimedBy = actor.subject();
              claim.claimedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
              return claim
                  .persist()
                  .call(
                      () ->
                          audit.record(
                              new AuditEvent(
                                  actor,
                                  "TrialSponsor",
                                  trialId,
                                  "CREATE",
                                  null,
                                  Map.of("trialId", trialId, "sponsorId", sponsorId),
                                  "first configuration of the trial by its sponsor",
                                  trialId,
                                  null)))
                  .replaceWithVoid();
            });
  }

  /** Fails with 404 unless {@code sponsorId} has claimed the trial. Needs a session. */
  public Uni<Void> requireSponsor(String trialId, String sponsorId) {
    return TrialSponsor.<TrialSponsor>findById(trialId)
        .invoke(
            owner -> {
              if (owner == null || sponsorId == null || !owner.sponsorId.equals(sponsorId)) {
                throw new NotFound("SAF-0404-TRIAL", "No trial " + trialId);
              }
            })
        .replaceWithVoid();
  }
}

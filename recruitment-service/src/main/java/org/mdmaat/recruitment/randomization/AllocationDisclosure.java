package org.mdmaat.recruitment.randomization;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;
import org.mdmaat.platform.security.Roles;
import org.mdmaat.platform.security.Scope;
import org.mdmaat.recruitment.participant.Participant;
import org.mdmaat.recruitment.trial.Trial;
import org.mdmaat.recruitment.trial.TrialService;
import org.mdmaat.recruitment.trial.TrialSite;

/**
 * The one place arms leave the service: to pharmacists and the DSMB at any time, to anyone else
 * entitled to the trial (e.g. regulators) only once it is unblinded. Every disclosure is audited.
 */
@ApplicationScoped
public class AllocationDisclosure {
  private static final Set<String> UNBLINDED_ROLES = Roles.UNBLINDED;

  private final AuditTrail audit;

  AllocationDisclosure(AuditTrail audit) {
    this.audit = audit;
  }

  public static boolean mayDisclose(Trial trial, String role) {
    return !trial.blinded() || UNBLINDED_ROLES.contains(role);
  }

  /**
   * {@link #disclose} for a caller in {@code role}: a pharmacist learns the arms of their own sites
   * of a trial with one of them, the DSMB and the unblinded statistician those of their sponsor's
   * trials, a regulator any trial's. A trial unknown or not the caller's is missing (404), as if it
   * did not exist.
   */
  @WithTransaction
  public Uni<Disclosure> discloseTo(String trialId, String role, Scope scope, String via) {
    return Trial.<Trial>findById(trialId)
        .flatMap(
            trial -> {
              if (trial == null) {
                return Uni.createFrom().failure(TrialService.missing(trialId));
              }
              return TrialSite.<TrialSite>list("trialId", trialId)
                  .flatMap(
                      sites -> {
                        Set<String> visibleSites = null;
                        if (Roles.PHARMACIST.equals(role)) {
                          visibleSites = scope.sites();
                          if (sites.stream().noneMatch(s -> scope.worksAt(s.code))) {
                            return Uni.createFrom().failure(TrialService.missing(trialId));
                          }
                        } else if ((Roles.DSMB.equals(role)
                                || Roles.UNBLINDED_STATISTICIAN.equals(role))
                            && !scope.belongsTo(trial.sponsor)) {
                          return Uni.createFrom().failure(TrialService.missing(trialId));
                        }
                        return disclose(trialId, visibleSites, scope.actor(), role, via);
                      });
            });
  }

  /**
   * The randomized participants' arms of {@code trial} ({@code sites}: only those sites; null:
   * all), audited as a disclosure to {@code actor} in role {@code role}; refused (nothing audited,
   * no arms) when the rule does not allow it. Unknown trial: refused. {@code via}: the verified
   * service that asked on the actor's behalf, or the REST API.
   */
  @WithTransaction
  public Uni<Disclosure> disclose(
      String trialId, Set<String> sites, Actor actor, String role, String via) {
    return Trial.<Trial>findById(trialId)
        .flatMap(
            trial -> {
              if (trial == null || !mayDisclose(trial, role)) {
                return Uni.createFrom().item(Disclosure.refused());
              }
              return AllocationSlot.<AllocationSlot>list(
                      "trialId = ?1 and participantCode is not null order by assignedAt, seq",
                      trialId)
                  .flatMap(
                      slots ->
                          Participant.<Participant>list(
                                  "trialId = ?1 and kitCode is not null", trialId)
                              .map(
                                  participants -> {
                                    var siteOf =
                                        participants.stream()
                                            .collect(
                                                java.util.stream.Collectors.toMap(
                                                    p -> p.code, p -> p.siteCode));
                                    return slots.stream()
                                        .filter(
                                            s ->
                                                sites == null
                                                    || sites.contains(
                                                        siteOf.get(s.participantCode)))
                                        .map(
                                            s ->
                                                new Disclosure.Allocation(
                                                    s.participantCode,
                                                    siteOf.get(s.participantCode),
                                                    s.stratum,
                                                    s.kitCode,
                                                    s.arm.name()))
                                        .toList();
                                  }))
                  .flatMap(
                      allocations ->
                          audit
                              .record(
                                  new AuditEvent(
                                      actor,
                                      "Allocations",
                                      trialId,
                                      "DISCLOSE",
                                      null,
                                      Map.of(
                                          "role",
                                          role == null ? "" : role,
                                          "trialBlinded",
                                          trial.blinded(),
                                          "sites",
                                          sites == null ? "all" : String.join(",", sites),
                                          "participants",
                                          allocations.size(),
                                          "via",
                                          via),
                                      "arms disclosed to " + actor.subject(),
                                      trialId,
                                      null))
                              .replaceWith(new Disclosure(true, allocations)));
            });
  }
}

package org.mdmaat.recruitment.randomization;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.Set;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;
import org.mdmaat.recruitment.Problems;
import org.mdmaat.recruitment.trial.TrialService;

/**
 * Arms by participant: pharmacists (their sites) and the DSMB (their sponsor's trials) at any time;
 * regulators once the trial is unblinded. Each answer is an audited disclosure.
 */
@Path("/trials/{id}/allocations")
public class TrialAllocationResource {
  private final AllocationDisclosure disclosure;
  private final TrialService trials;
  private final Caller caller;

  TrialAllocationResource(AllocationDisclosure disclosure, TrialService trials, Caller caller) {
    this.disclosure = disclosure;
    this.trials = trials;
    this.caller = caller;
  }

  @GET
  @RolesAllowed({Roles.PHARMACIST, Roles.DSMB, Roles.REGULATOR})
  public Uni<Disclosure> list(@PathParam("id") String id) {
    return trials
        .find(id)
        .flatMap(
            trial ->
                trials
                    .sites(id)
                    .flatMap(
                        sites -> {
                          String role;
                          Set<String> visibleSites = null;
                          if (caller.hasRole(Roles.PHARMACIST)) {
                            role = Roles.PHARMACIST;
                            visibleSites = caller.sites();
                            boolean atSite =
                                sites.stream().anyMatch(s -> caller.sites().contains(s.code));
                            if (!atSite) {
                              throw TrialService.missing(id);
                            }
                          } else if (caller.hasRole(Roles.DSMB)) {
                            role = Roles.DSMB;
                            if (!caller.sponsor().map(trial.sponsor::equals).orElse(false)) {
                              throw TrialService.missing(id);
                            }
                          } else {
                            role = Roles.REGULATOR;
                          }
                          return disclosure.disclose(id, visibleSites, caller.actor(), role);
                        }))
        .invoke(
            answer -> {
              if (!answer.disclosed()) {
                throw Problems.FORBIDDEN.problem(
                    "The trial is blinded: arms are not shown to your role");
              }
            });
  }
}

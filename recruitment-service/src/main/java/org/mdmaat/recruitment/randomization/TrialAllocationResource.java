package org.mdmaat.recruitment.randomization;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;
import org.mdmaat.recruitment.Problems;

/**
 * Arms by participant: pharmacists (their sites) and the DSMB (their sponsor's trials) at any time;
 * regulators once the trial is unblinded. Each answer is an audited disclosure.
 */
@Path("/trials/{id}/allocations")
public class TrialAllocationResource {
  static final String REST_API = "REST API";
  private final AllocationDisclosure disclosure;
  private final Caller caller;

  TrialAllocationResource(AllocationDisclosure disclosure, Caller caller) {
    this.disclosure = disclosure;
    this.caller = caller;
  }

  @GET
  @RolesAllowed({Roles.PHARMACIST, Roles.DSMB, Roles.UNBLINDED_STATISTICIAN, Roles.REGULATOR})
  public Uni<Disclosure> list(@PathParam("id") String id) {
    String role =
        caller.hasRole(Roles.PHARMACIST)
            ? Roles.PHARMACIST
            : caller.hasRole(Roles.DSMB)
                ? Roles.DSMB
                : caller.hasRole(Roles.UNBLINDED_STATISTICIAN)
                    ? Roles.UNBLINDED_STATISTICIAN
                    : Roles.REGULATOR;
    return disclosure
        .discloseTo(id, role, caller.scope(), REST_API)
        .invoke(
            answer -> {
              if (!answer.disclosed()) {
                throw Problems.FORBIDDEN.problem(
                    "The trial is blinded: arms are not shown to your role");
              }
            });
  }
}

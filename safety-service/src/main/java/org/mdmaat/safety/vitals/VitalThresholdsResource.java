package org.mdmaat.safety.vitals;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;
import org.mdmaat.safety.trial.TrialAccess;

/**
 * A trial's vital-sign action limits. The sponsor (its own trials) or an investigator of a site
 * running the trial sets them; every change is audited with its reason.
 */
@Path("/trials/{trialId}/vital-thresholds")
public class VitalThresholdsResource {
  private final VitalsService vitals;
  private final Caller caller;

  VitalThresholdsResource(VitalsService vitals, Caller caller) {
    this.vitals = vitals;
    this.caller = caller;
  }

  @PUT
  @RolesAllowed({Roles.SPONSOR, Roles.INVESTIGATOR})
  public Uni<ThresholdsView> set(
      @PathParam("trialId") @Size(max = 64) String trialId,
      @Valid @NotNull ThresholdsRequest request) {
    return vitals.setThresholds(
        trialId, request, TrialAccess.actingSponsor(caller), caller.sites(), caller.actor());
  }

  @GET
  @RolesAllowed({Roles.SPONSOR, Roles.INVESTIGATOR, Roles.THERAPIST})
  public Uni<ThresholdsView> get(@PathParam("trialId") @Size(max = 64) String trialId) {
    return vitals.thresholds(trialId, TrialAccess.actingSponsor(caller), caller.sites());
  }
}

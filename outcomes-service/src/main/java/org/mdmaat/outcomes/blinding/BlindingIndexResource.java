package org.mdmaat.outcomes.blinding;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.mdmaat.outcomes.assessment.Timepoint;
import org.mdmaat.platform.problem.QueryChoice;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;

/**
 * Blinding indices of a trial: the DSMB and the unblinded statistician at any time; sponsors and
 * regulators once the trial is unblinded (409 before); site roles never.
 */
@Path("/trials/{trialId}/blinding-indices")
@RolesAllowed({Roles.DSMB, Roles.UNBLINDED_STATISTICIAN, Roles.SPONSOR, Roles.REGULATOR})
public class BlindingIndexResource {
  private final BlindingIndexService indices;
  private final Caller caller;

  BlindingIndexResource(BlindingIndexService indices, Caller caller) {
    this.indices = indices;
    this.caller = caller;
  }

  @GET
  public Uni<BlindingReport> get(
      @PathParam("trialId") @Size(max = 64) String trialId,
      @QueryParam("guesser") String guesser,
      @QueryParam("timepoint") String timepoint) {
    return indices.indices(
        trialId,
        QueryChoice.required(Guesser.class, "guesser", guesser),
        QueryChoice.required(Timepoint.class, "timepoint", timepoint),
        caller.scope(),
        caller.bearer().orElseThrow());
  }
}

package org.mdmaat.outcomes.assessment;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.paging.PageRequest;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;

/**
 * A trial's timepoint windows: set by the trial's sponsor only (another sponsor's trial 404), read
 * by those who read its statistics. Assessments' windows are judged against them when read.
 */
@Path("/trials/{trialId}/timepoint-windows")
public class TimepointWindowsResource {
  private final TimepointWindowsService windows;
  private final Caller caller;

  TimepointWindowsResource(TimepointWindowsService windows, Caller caller) {
    this.windows = windows;
    this.caller = caller;
  }

  @PUT
  @Path("{timepoint}")
  @RolesAllowed(Roles.SPONSOR)
  public Uni<TimepointWindowView> set(
      @PathParam("trialId") @Size(max = 64) String trialId,
      @PathParam("timepoint") @Size(max = 32) String timepoint,
      @Valid @NotNull TimepointWindowRequest request) {
    return windows.set(trialId, timepoint, request, caller.scope());
  }

  /** Every timepoint's window in force, each a sponsor's setting or the protocol default. */
  @GET
  @RolesAllowed({
    Roles.DSMB,
    Roles.UNBLINDED_STATISTICIAN,
    Roles.SPONSOR,
    Roles.REGULATOR,
    Roles.INVESTIGATOR
  })
  public Uni<List<TimepointWindowView>> all(@PathParam("trialId") @Size(max = 64) String trialId) {
    return windows.all(trialId, caller.scope());
  }

  /** Every setting of the timepoint, oldest first (page/size paging). */
  @GET
  @Path("{timepoint}/history")
  @RolesAllowed({
    Roles.DSMB,
    Roles.UNBLINDED_STATISTICIAN,
    Roles.SPONSOR,
    Roles.REGULATOR,
    Roles.INVESTIGATOR
  })
  public Uni<PageOf<TimepointWindowView>> history(
      @PathParam("trialId") @Size(max = 64) String trialId,
      @PathParam("timepoint") @Size(max = 32) String timepoint,
      @BeanParam @Valid PageRequest paging) {
    return windows.history(trialId, timepoint, caller.scope(), paging.page(), paging.size());
  }
}

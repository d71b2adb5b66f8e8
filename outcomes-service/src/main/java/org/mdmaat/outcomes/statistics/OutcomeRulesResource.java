package org.mdmaat.outcomes.statistics;

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
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.paging.PageRequest;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;

/**
 * A trial's response and remission thresholds per instrument: set by the trial's sponsor only
 * (another sponsor's trial 404), read by those who read its statistics.
 */
@Path("/trials/{trialId}/outcome-rules/{instrument}")
public class OutcomeRulesResource {
  private final OutcomeRulesService rules;
  private final Caller caller;

  OutcomeRulesResource(OutcomeRulesService rules, Caller caller) {
    this.rules = rules;
    this.caller = caller;
  }

  @PUT
  @RolesAllowed(Roles.SPONSOR)
  public Uni<OutcomeRulesView> set(
      @PathParam("trialId") @Size(max = 64) String trialId,
      @PathParam("instrument") @Size(max = 32) String instrument,
      @Valid @NotNull OutcomeRulesRequest request) {
    return rules.set(trialId, instrument, request, caller.scope());
  }

  @GET
  @RolesAllowed({
    Roles.DSMB,
    Roles.UNBLINDED_STATISTICIAN,
    Roles.SPONSOR,
    Roles.REGULATOR,
    Roles.INVESTIGATOR
  })
  public Uni<OutcomeRulesView> get(
      @PathParam("trialId") @Size(max = 64) String trialId,
      @PathParam("instrument") @Size(max = 32) String instrument) {
    return rules.get(trialId, instrument, caller.scope());
  }

  /** Every setting, oldest first (page/size paging). */
  @GET
  @Path("history")
  @RolesAllowed({
    Roles.DSMB,
    Roles.UNBLINDED_STATISTICIAN,
    Roles.SPONSOR,
    Roles.REGULATOR,
    Roles.INVESTIGATOR
  })
  public Uni<PageOf<OutcomeRulesView>> history(
      @PathParam("trialId") @Size(max = 64) String trialId,
      @PathParam("instrument") @Size(max = 32) String instrument,
      @BeanParam @Valid PageRequest paging) {
    return rules.history(trialId, instrument, caller.scope(), paging.page(), paging.size());
  }
}

package org.mdmaat.safety.stopping;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import org.jboss.resteasy.reactive.RestResponse;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.paging.PageRequest;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;

/**
 * The stopping rules of a trial: its sponsor's, and the DSMB's (of the same sponsor), who alone may
 * count by arm and see which arm fired a rule.
 */
@Path("/trials/{trialId}/stopping-rules")
public class StoppingRuleResource {
  private final StoppingRules rules;
  private final Caller caller;

  StoppingRuleResource(StoppingRules rules, Caller caller) {
    this.rules = rules;
    this.caller = caller;
  }

  @POST
  @RolesAllowed({Roles.SPONSOR, Roles.DSMB})
  public Uni<RestResponse<StoppingRuleView>> define(
      @PathParam("trialId") @Size(max = 64) String trialId,
      @Valid @NotNull StoppingRuleRequest request) {
    return rules
        .define(trialId, request, caller.scope(), caller.bearer().orElseThrow())
        .map(rule -> RestResponse.status(RestResponse.Status.CREATED, rule));
  }

  @GET
  @RolesAllowed({Roles.SPONSOR, Roles.DSMB})
  public Uni<PageOf<StoppingRuleView>> list(
      @PathParam("trialId") @Size(max = 64) String trialId, @BeanParam @Valid PageRequest paging) {
    return rules.of(trialId, caller.scope(), paging.page(), paging.size());
  }

  /** The DSMB refreshes the arms the rules count by and has every rule evaluated again. */
  @POST
  @Path("evaluation")
  @RolesAllowed(Roles.DSMB)
  public Uni<List<StoppingRuleView>> evaluate(
      @PathParam("trialId") @Size(max = 64) String trialId) {
    return rules.reevaluate(trialId, caller.scope(), caller.bearer().orElseThrow());
  }
}

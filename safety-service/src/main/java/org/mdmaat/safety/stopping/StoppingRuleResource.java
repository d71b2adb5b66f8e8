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
import org.jboss.resteasy.reactive.RestResponse;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.paging.PageRequest;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;

/** The sponsor's stopping rules of its trial. */
@Path("/trials/{trialId}/stopping-rules")
public class StoppingRuleResource {
  private final StoppingRules rules;
  private final Caller caller;

  StoppingRuleResource(StoppingRules rules, Caller caller) {
    this.rules = rules;
    this.caller = caller;
  }

  @POST
  @RolesAllowed(Roles.SPONSOR)
  public Uni<RestResponse<StoppingRuleView>> define(
      @PathParam("trialId") @Size(max = 64) String trialId,
      @Valid @NotNull StoppingRuleRequest request) {
    return rules
        .define(trialId, request, caller.sponsor().orElse(null), caller.actor())
        .map(rule -> RestResponse.status(RestResponse.Status.CREATED, rule));
  }

  @GET
  @RolesAllowed(Roles.SPONSOR)
  public Uni<PageOf<StoppingRuleView>> list(
      @PathParam("trialId") @Size(max = 64) String trialId, @BeanParam @Valid PageRequest paging) {
    return rules.of(trialId, caller.sponsor().orElse(null), paging.page(), paging.size());
  }
}

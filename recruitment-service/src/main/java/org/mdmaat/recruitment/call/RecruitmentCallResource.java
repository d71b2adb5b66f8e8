package org.mdmaat.recruitment.call;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.paging.PageRequest;
import org.mdmaat.platform.problem.QueryChoice;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;
import org.mdmaat.recruitment.trial.TrialStatus;

/** Public recruitment calls: anyone lists and reads them; sponsors post and close their own. */
@Path("/recruitment-calls")
public class RecruitmentCallResource {
  private final RecruitmentCallService calls;
  private final Caller caller;

  RecruitmentCallResource(RecruitmentCallService calls, Caller caller) {
    this.calls = calls;
    this.caller = caller;
  }

  @GET
  @PermitAll
  public Uni<PageOf<CallView>> list(
      @QueryParam("condition") @Size(max = 200) String condition,
      @QueryParam("status") String status,
      @QueryParam("country") @Size(max = 2) String country,
      @QueryParam("city") @Size(max = 100) String city,
      @BeanParam @Valid PageRequest paging) {
    return calls.listOpen(
        condition,
        QueryChoice.of(TrialStatus.class, "status", status, null),
        country,
        city,
        paging.page(),
        paging.size());
  }

  @GET
  @Path("{id}")
  @PermitAll
  public Uni<CallView> get(@PathParam("id") UUID id) {
    return calls.get(id);
  }

  @POST
  @RolesAllowed(Roles.SPONSOR)
  public Uni<RestResponse<CallView>> post(@Valid @NotNull PostCallRequest request, UriInfo uri) {
    return calls
        .post(request, caller.scope())
        .map(
            call ->
                RestResponse.ResponseBuilder.<CallView>created(
                        uri.getAbsolutePathBuilder().path(call.id().toString()).build())
                    .entity(call)
                    .build());
  }

  @POST
  @Path("{id}/closure")
  @RolesAllowed(Roles.SPONSOR)
  public Uni<CallView> close(@PathParam("id") UUID id) {
    return calls.close(id, caller.scope());
  }
}

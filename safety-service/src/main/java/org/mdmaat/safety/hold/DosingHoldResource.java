package org.mdmaat.safety.hold;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;

@Path("/holds")
public class DosingHoldResource {
  private final DosingHoldService holds;
  private final Caller caller;

  DosingHoldResource(DosingHoldService holds, Caller caller) {
    this.holds = holds;
    this.caller = caller;
  }

  /** An investigator stops dosing for a participant at one of their sites. */
  @POST
  @RolesAllowed(Roles.INVESTIGATOR)
  public Uni<RestResponse<DosingHoldView>> place(
      @Valid @NotNull PlaceHoldRequest request, UriInfo uri) {
    return holds
        .place(request, caller.scope())
        .map(DosingHoldView::of)
        .map(
            view ->
                RestResponse.ResponseBuilder.<DosingHoldView>created(
                        uri.getAbsolutePathBuilder().path(view.id().toString()).build())
                    .entity(view)
                    .build());
  }

  @GET
  @RolesAllowed({Roles.INVESTIGATOR, Roles.THERAPIST, Roles.SITE_COORDINATOR})
  public Uni<PageOf<DosingHoldView>> list(
      @QueryParam("siteCode") @NotBlank String siteCode,
      @QueryParam("participantCode") String participantCode,
      @BeanParam @Valid PageRequest paging) {
    return holds.atSite(siteCode, participantCode, caller.scope(), paging.page(), paging.size());
  }

  /**
   * Only an investigator of the hold's site lifts it, with a reason and an electronic signature (a
   * login at most {@code platform.signatures.max-age} old, else 401 to log in again).
   */
  @POST
  @Path("{id}/lift")
  @RolesAllowed(Roles.INVESTIGATOR)
  public Uni<DosingHoldView> lift(
      @PathParam("id") UUID id, @Valid @NotNull LiftHoldRequest request) {
    return holds.lift(id, request, caller).map(DosingHoldView::of);
  }

  @GET
  @Path("{id}")
  @RolesAllowed({Roles.INVESTIGATOR, Roles.THERAPIST, Roles.SITE_COORDINATOR})
  public Uni<DosingHoldView> get(@PathParam("id") UUID id) {
    return holds.get(id, caller.scope()).map(DosingHoldView::of);
  }
}

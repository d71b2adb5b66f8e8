package org.mdmaat.safety.cssrs;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.jboss.resteasy.reactive.RestResponse;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.paging.PageRequest;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;

/** C-SSRS screen results per session. */
@Path("/cssrs-screens")
public class CssrsResource {
  private final CssrsService screens;
  private final Caller caller;

  CssrsResource(CssrsService screens, Caller caller) {
    this.screens = screens;
    this.caller = caller;
  }

  @POST
  @RolesAllowed({Roles.INVESTIGATOR, Roles.THERAPIST, Roles.RATER})
  public Uni<RestResponse<CssrsScreenView>> record(@Valid @NotNull CssrsScreenRequest request) {
    return screens
        .record(request, caller.scope())
        .map(view -> RestResponse.status(RestResponse.Status.CREATED, view));
  }

  @GET
  @RolesAllowed({Roles.INVESTIGATOR, Roles.THERAPIST})
  public Uni<PageOf<CssrsScreenView>> list(
      @QueryParam("siteCode") @NotBlank String siteCode,
      @QueryParam("participantCode") String participantCode,
      @BeanParam @Valid PageRequest paging) {
    return screens.atSite(siteCode, participantCode, caller.scope(), paging.page(), paging.size());
  }
}

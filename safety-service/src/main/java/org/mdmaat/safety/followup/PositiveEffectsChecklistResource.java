package org.mdmaat.safety.followup;

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
import org.jboss.resteasy.reactive.RestResponse;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.paging.PageRequest;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;

/** Positive effects asked for after each dosing session, not only volunteered. */
@Path("/positive-effects-checklists")
public class PositiveEffectsChecklistResource {
  private final PositiveEffectsChecklists checklists;
  private final Caller caller;

  PositiveEffectsChecklistResource(PositiveEffectsChecklists checklists, Caller caller) {
    this.checklists = checklists;
    this.caller = caller;
  }

  @POST
  @RolesAllowed({Roles.INVESTIGATOR, Roles.THERAPIST})
  public Uni<RestResponse<PositiveEffectsChecklists.ChecklistView>> record(
      @Valid @NotNull PositiveEffectsChecklistRequest request) {
    return checklists
        .record(request, caller.scope())
        .map(view -> RestResponse.status(RestResponse.Status.CREATED, view));
  }

  /** The site's dosing sessions still owing their checklist. */
  @GET
  @Path("outstanding")
  @RolesAllowed({Roles.INVESTIGATOR, Roles.THERAPIST, Roles.SITE_COORDINATOR})
  public Uni<PageOf<PositiveEffectsChecklists.OutstandingView>> outstanding(
      @QueryParam("siteCode") @NotBlank String siteCode,
      @QueryParam("participantCode") String participantCode,
      @BeanParam @Valid PageRequest paging) {
    return checklists.outstanding(
        siteCode, participantCode, caller.scope(), paging.page(), paging.size());
  }

  @GET
  @Path("{sessionId}")
  @RolesAllowed({Roles.INVESTIGATOR, Roles.THERAPIST, Roles.SITE_COORDINATOR})
  public Uni<PositiveEffectsChecklists.ChecklistView> get(
      @PathParam("sessionId") String sessionId) {
    return checklists.get(sessionId, caller.scope());
  }
}

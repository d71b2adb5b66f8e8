package org.mdmaat.safety.alert;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.UUID;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.paging.PageRequest;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;

/** Alerts of a site, for its investigators and therapists. */
@Path("/alerts")
public class AlertResource {
  private final AlertService alerts;
  private final Caller caller;

  AlertResource(AlertService alerts, Caller caller) {
    this.alerts = alerts;
    this.caller = caller;
  }

  @GET
  @RolesAllowed({Roles.INVESTIGATOR, Roles.THERAPIST})
  public Uni<PageOf<AlertView>> list(
      @QueryParam("siteCode") @NotBlank String siteCode,
      @QueryParam("participantCode") String participantCode,
      @QueryParam("acknowledged") @Pattern(regexp = "true|false") String acknowledged,
      @BeanParam @Valid PageRequest paging) {
    return alerts.atSite(
        siteCode,
        participantCode,
        acknowledged == null ? null : Boolean.valueOf(acknowledged),
        caller.scope(),
        paging.page(),
        paging.size());
  }

  @GET
  @Path("{id}")
  @RolesAllowed({Roles.INVESTIGATOR, Roles.THERAPIST})
  public Uni<AlertView> get(@PathParam("id") UUID id) {
    return alerts.get(id, caller.scope()).map(AlertView::of);
  }

  @POST
  @Path("{id}/acknowledgement")
  @RolesAllowed({Roles.INVESTIGATOR, Roles.THERAPIST})
  public Uni<AlertView> acknowledge(
      @PathParam("id") UUID id, @Valid @NotNull AcknowledgeAlertRequest request) {
    return alerts.acknowledge(id, request.note(), caller.scope()).map(AlertView::of);
  }
}

package org.mdmaat.safety.adverse;

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
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.paging.PageRequest;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;

/** Adverse events of a site's participants; follow-ups keep every earlier version. */
@Path("/adverse-events")
public class AdverseEventResource {
  private final AdverseEventService events;
  private final ExpeditedReports reports;
  private final Caller caller;

  AdverseEventResource(AdverseEventService events, ExpeditedReports reports, Caller caller) {
    this.events = events;
    this.reports = reports;
    this.caller = caller;
  }

  @POST
  @RolesAllowed({Roles.INVESTIGATOR, Roles.THERAPIST})
  public Uni<RestResponse<AdverseEventView>> report(
      @Valid @NotNull ReportAdverseEventRequest request, UriInfo uri) {
    return events
        .report(request.participantCode(), request.sessionId(), request.event(), caller.scope())
        .map(AdverseEventView::of)
        .map(
            view ->
                RestResponse.ResponseBuilder.<AdverseEventView>created(
                        uri.getAbsolutePathBuilder().path(view.id().toString()).build())
                    .entity(view)
                    .build());
  }

  @GET
  @RolesAllowed({Roles.INVESTIGATOR, Roles.THERAPIST, Roles.SITE_COORDINATOR})
  public Uni<PageOf<AdverseEventView>> list(
      @QueryParam("siteCode") @NotBlank String siteCode,
      @QueryParam("participantCode") String participantCode,
      @BeanParam @Valid PageRequest paging) {
    return events.atSite(siteCode, participantCode, caller.scope(), paging.page(), paging.size());
  }

  @GET
  @Path("{id}")
  @RolesAllowed({Roles.INVESTIGATOR, Roles.THERAPIST, Roles.SITE_COORDINATOR})
  public Uni<AdverseEventView> get(@PathParam("id") UUID id) {
    return events.get(id, caller.scope()).map(AdverseEventView::of);
  }

  /** Every version, the first report included, oldest first. */
  @GET
  @Path("{id}/versions")
  @RolesAllowed({Roles.INVESTIGATOR, Roles.THERAPIST, Roles.SITE_COORDINATOR})
  public Uni<List<AdverseEventService.VersionView>> versions(@PathParam("id") UUID id) {
    return events.versions(id, caller.scope());
  }

  /**
   * Every expedited-report clock the event had, oldest first: the running one and those cleared,
   * superseded or submitted.
   */
  @GET
  @Path("{id}/expedited-clocks")
  @RolesAllowed({Roles.INVESTIGATOR, Roles.THERAPIST, Roles.SITE_COORDINATOR})
  public Uni<List<ExpeditedReportClock.View>> clocks(@PathParam("id") UUID id) {
    return reports.clocks(id, caller.scope());
  }

  /**
   * A follow-up by an investigator of the event's site, signed: a login at most {@code
   * platform.signatures.max-age} old, else 401 to log in again.
   */
  @POST
  @Path("{id}/follow-ups")
  @RolesAllowed(Roles.INVESTIGATOR)
  public Uni<AdverseEventView> followUp(
      @PathParam("id") UUID id, @Valid @NotNull FollowUpRequest request) {
    return events.followUp(id, request, caller).map(AdverseEventView::of);
  }

  @POST
  @Path("{id}/expedited-report")
  @RolesAllowed(Roles.INVESTIGATOR)
  public Uni<AdverseEventView> expeditedReportSubmitted(
      @PathParam("id") UUID id, @Valid @NotNull ExpeditedReportSubmission request) {
    return reports.submitted(id, request.reference(), caller.scope()).map(AdverseEventView::of);
  }
}

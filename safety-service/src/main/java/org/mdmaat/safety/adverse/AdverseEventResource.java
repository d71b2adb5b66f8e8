package org.mdmaat.safety.adverse;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;
import org.mdmaat.safety.Problems;
import org.mdmaat.safety.participant.ParticipantDirectory;

/** Adverse events of a site's participants; follow-ups keep every earlier version. */
@Path("/adverse-events")
public class AdverseEventResource {
  private final AdverseEventService events;
  private final ParticipantDirectory directory;
  private final Caller caller;

  AdverseEventResource(AdverseEventService events, ParticipantDirectory directory, Caller caller) {
    this.events = events;
    this.directory = directory;
    this.caller = caller;
  }

  @POST
  @RolesAllowed({Roles.INVESTIGATOR, Roles.THERAPIST})
  public Uni<RestResponse<AdverseEventView>> report(
      @Valid @NotNull ReportAdverseEventRequest request, UriInfo uri) {
    var sites = caller.sites();
    var actor = caller.actor();
    return directory
        .participant(request.participantCode())
        .invoke(
            p -> {
              if (!sites.contains(p.siteCode())) {
                throw Problems.PARTICIPANT_NOT_FOUND.problem("No participant at your sites");
              }
            })
        .flatMap(p -> events.report(p, request.sessionId(), request.event(), actor))
        .map(
            event ->
                RestResponse.ResponseBuilder.<AdverseEventView>created(
                        uri.getAbsolutePathBuilder().path(event.id.toString()).build())
                    .entity(AdverseEventView.of(event))
                    .build());
  }

  @GET
  @RolesAllowed({Roles.INVESTIGATOR, Roles.THERAPIST, Roles.SITE_COORDINATOR})
  public Uni<PageOf<AdverseEventView>> list(
      @QueryParam("siteCode") @NotBlank String siteCode,
      @QueryParam("participantCode") String participantCode,
      @QueryParam("page") @DefaultValue("0") @Min(0) int page,
      @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
    caller.requireSite(siteCode);
    return events.atSite(siteCode, participantCode, page, size);
  }

  @GET
  @Path("{id}")
  @RolesAllowed({Roles.INVESTIGATOR, Roles.THERAPIST, Roles.SITE_COORDINATOR})
  public Uni<AdverseEventView> get(@PathParam("id") UUID id) {
    var sites = caller.sites();
    return events
        .get(id)
        .invoke(e -> requireVisible(sites, e.siteCode, "adverse event"))
        .map(AdverseEventView::of);
  }

  /** Every version, the first report included, oldest first. */
  @GET
  @Path("{id}/versions")
  @RolesAllowed({Roles.INVESTIGATOR, Roles.THERAPIST, Roles.SITE_COORDINATOR})
  public Uni<List<AdverseEventService.VersionView>> versions(@PathParam("id") UUID id) {
    var sites = caller.sites();
    return events
        .get(id)
        .invoke(e -> requireVisible(sites, e.siteCode, "adverse event"))
        .chain(() -> events.versions(id));
  }

  @POST
  @Path("{id}/follow-ups")
  @RolesAllowed(Roles.INVESTIGATOR)
  public Uni<AdverseEventView> followUp(
      @PathParam("id") UUID id, @Valid @NotNull FollowUpRequest request) {
    var sites = caller.sites();
    return events
        .followUp(
            id, request, caller.actor(), e -> requireVisible(sites, e.siteCode, "adverse event"))
        .map(AdverseEventView::of);
  }

  @POST
  @Path("{id}/expedited-report")
  @RolesAllowed(Roles.INVESTIGATOR)
  public Uni<AdverseEventView> expeditedReportSubmitted(
      @PathParam("id") UUID id, @Valid @NotNull ExpeditedReportSubmission request) {
    var sites = caller.sites();
    return events
        .expeditedReportSubmitted(
            id,
            request.reference(),
            caller.actor(),
            e -> requireVisible(sites, e.siteCode, "adverse event"))
        .map(AdverseEventView::of);
  }

  static void requireVisible(Set<String> sites, String siteCode, String what) {
    if (!sites.contains(siteCode)) {
      throw Problems.ADVERSE_EVENT_NOT_FOUND.problem("No such " + what + " at your sites");
    }
  }
}

package org.mdmaat.safety.hold;

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
import java.util.ArrayList;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.problem.Violation;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;
import org.mdmaat.safety.Problems;
import org.mdmaat.safety.participant.ParticipantDirectory;

@Path("/holds")
public class DosingHoldResource {
  private final DosingHoldService holds;
  private final ParticipantDirectory directory;
  private final Caller caller;

  DosingHoldResource(DosingHoldService holds, ParticipantDirectory directory, Caller caller) {
    this.holds = holds;
    this.directory = directory;
    this.caller = caller;
  }

  /** An investigator stops dosing for a participant at one of their sites. */
  @POST
  @RolesAllowed(Roles.INVESTIGATOR)
  public Uni<RestResponse<DosingHoldView>> place(
      @Valid @NotNull PlaceHoldRequest request, UriInfo uri) {
    // A site not the caller's names no participant of theirs: the participant's own not-found.
    if (!caller.sites().contains(request.siteCode())) {
      throw Problems.PARTICIPANT_NOT_FOUND.problem("No participant at your sites");
    }
    // The participant's trial and site are recruitment-service's to say, not the request's: a
    // hold claimed at one's own site on another site's participant would block doses there.
    var code = request.participantCode();
    return directory
        .participant(code)
        .invoke(
            known -> {
              if (!caller.sites().contains(known.siteCode())) {
                throw Problems.PARTICIPANT_NOT_FOUND.problem("No participant " + code);
              }
              var wrong = new ArrayList<Violation>();
              if (!known.siteCode().equals(request.siteCode())) {
                wrong.add(new Violation("siteCode", "is not the participant's site"));
              }
              if (!known.trialId().equals(request.trialId())) {
                wrong.add(new Violation("trialId", "is not the participant's trial"));
              }
              if (!wrong.isEmpty()) {
                throw Problems.HOLD_NOT_PARTICIPANTS.problem(
                    "The hold does not match the participant's record", wrong);
              }
            })
        .chain(() -> holds.place(request, HoldCause.INVESTIGATOR, caller.actor()))
        .map(
            hold ->
                RestResponse.ResponseBuilder.<DosingHoldView>created(
                        uri.getAbsolutePathBuilder().path(hold.id.toString()).build())
                    .entity(DosingHoldView.of(hold))
                    .build());
  }

  @GET
  @RolesAllowed({Roles.INVESTIGATOR, Roles.THERAPIST, Roles.SITE_COORDINATOR})
  public Uni<PageOf<DosingHoldView>> list(
      @QueryParam("siteCode") @NotBlank String siteCode,
      @QueryParam("participantCode") String participantCode,
      @QueryParam("page") @DefaultValue("0") @Min(0) int page,
      @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
    caller.requireSite(siteCode);
    return holds.atSite(siteCode, participantCode, page, size);
  }

  /** Only an investigator of the hold's site lifts it, with a reason and a signature. */
  @POST
  @Path("{id}/lift")
  @RolesAllowed(Roles.INVESTIGATOR)
  public Uni<DosingHoldView> lift(
      @PathParam("id") UUID id, @Valid @NotNull LiftHoldRequest request) {
    var sites = caller.sites();
    return holds
        .lift(
            id,
            request,
            caller.actor(),
            hold -> {
              if (!sites.contains(hold.siteCode)) {
                throw Problems.HOLD_NOT_FOUND.problem("No dosing hold " + id);
              }
            })
        .map(DosingHoldView::of);
  }

  @GET
  @Path("{id}")
  @RolesAllowed({Roles.INVESTIGATOR, Roles.THERAPIST, Roles.SITE_COORDINATOR})
  public Uni<DosingHoldView> get(@PathParam("id") UUID id) {
    var sites = caller.sites();
    return holds
        .get(id)
        .invoke(
            hold -> {
              if (!sites.contains(hold.siteCode)) {
                throw Problems.HOLD_NOT_FOUND.problem("No dosing hold " + id);
              }
            })
        .map(DosingHoldView::of);
  }
}

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
import java.time.Instant;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.paging.PageRequest;
import org.mdmaat.platform.problem.QueryChoice;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;

/** Follow-up contacts after doses, for the site's clinical staff. */
@Path("/follow-up-contacts")
public class FollowUpResource {
  private final FollowUpService followUps;
  private final Caller caller;

  FollowUpResource(FollowUpService followUps, Caller caller) {
    this.followUps = followUps;
    this.caller = caller;
  }

  @GET
  @RolesAllowed({Roles.INVESTIGATOR, Roles.THERAPIST, Roles.SITE_COORDINATOR})
  public Uni<PageOf<FollowUpContactView>> list(
      @QueryParam("siteCode") @NotBlank String siteCode,
      @QueryParam("participantCode") String participantCode,
      @QueryParam("status") String status,
      @BeanParam @Valid PageRequest paging) {
    var choice = QueryChoice.of(ContactStatus.class, "status", status, null);
    return followUps.atSite(
        siteCode, participantCode, choice, caller.scope(), paging.page(), paging.size());
  }

  @POST
  @Path("{id}/record")
  @RolesAllowed({Roles.INVESTIGATOR, Roles.THERAPIST, Roles.SITE_COORDINATOR})
  public Uni<FollowUpContactView> record(
      @PathParam("id") String id, @Valid @NotNull RecordContactRequest request) {
    return followUps
        .record(id, request, caller.scope())
        .map(c -> FollowUpContactView.of(c, Instant.now()));
  }
}

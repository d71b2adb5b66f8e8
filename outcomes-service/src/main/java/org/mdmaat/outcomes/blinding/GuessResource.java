package org.mdmaat.outcomes.blinding;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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

/** Allocation guesses of participants at the caller's sites. */
@Path("/participants/{participantCode}/allocation-guesses")
@RolesAllowed({Roles.RATER, Roles.THERAPIST, Roles.INVESTIGATOR, Roles.SITE_COORDINATOR})
public class GuessResource {
  private final GuessService guesses;
  private final Caller caller;

  GuessResource(GuessService guesses, Caller caller) {
    this.guesses = guesses;
    this.caller = caller;
  }

  @POST
  public Uni<RestResponse<GuessView>> record(
      @PathParam("participantCode") @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String participantCode,
      @Valid @NotNull GuessRequest request) {
    return guesses
        .record(participantCode, request, caller.scope())
        .map(view -> RestResponse.status(RestResponse.Status.CREATED, view));
  }

  /** The participant's guesses, oldest first (page/size paging). */
  @GET
  public Uni<PageOf<GuessView>> list(
      @PathParam("participantCode") @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String participantCode,
      @BeanParam @Valid PageRequest paging) {
    return guesses.ofParticipant(participantCode, caller.scope(), paging.page(), paging.size());
  }
}

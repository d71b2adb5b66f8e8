package org.mdmaat.outcomes.screening;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestResponse;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;

/**
 * The screening CAPS-5 of a consented candidate at the caller's sites: recorded by an independent
 * rater, read by site staff; the investigator's eligibility signature in recruitment-service rests
 * on it.
 */
@Path("/participants/{participantCode}/screening-caps5")
public class ScreeningResource {
  private final ScreeningService screening;
  private final Caller caller;

  ScreeningResource(ScreeningService screening, Caller caller) {
    this.screening = screening;
    this.caller = caller;
  }

  @POST
  @RolesAllowed(Roles.RATER)
  public Uni<RestResponse<ScreeningView>> record(
      @PathParam("participantCode") @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String participantCode,
      @Valid @NotNull ScreeningRequest request,
      UriInfo uri) {
    return screening
        .record(participantCode, request, caller.scope())
        .map(
            view ->
                RestResponse.ResponseBuilder.<ScreeningView>created(uri.getAbsolutePath())
                    .entity(view)
                    .build());
  }

  @GET
  @RolesAllowed({Roles.RATER, Roles.INVESTIGATOR, Roles.SITE_COORDINATOR})
  public Uni<ScreeningView> get(
      @PathParam("participantCode") @Pattern(regexp = "[A-Za-z0-9-]{1,64}")
          String participantCode) {
    return screening.get(participantCode, caller.scope());
  }
}

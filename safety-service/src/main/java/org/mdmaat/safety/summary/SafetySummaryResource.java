package org.mdmaat.safety.summary;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;

/**
 * Safety summaries. The DSMB sees them by arm, with arms disclosed by recruitment-service (or none:
 * 503, never a guess); the trial's sponsor sees them pooled.
 */
@Path("/trials/{trialId}/safety-summary")
public class SafetySummaryResource {
  private final SafetySummaryService summaries;
  private final Caller caller;

  SafetySummaryResource(SafetySummaryService summaries, Caller caller) {
    this.summaries = summaries;
    this.caller = caller;
  }

  @GET
  @RolesAllowed({Roles.DSMB, Roles.SPONSOR})
  public Uni<SafetySummary> get(@PathParam("trialId") @Size(max = 64) String trialId) {
    return summaries.of(trialId, caller.scope(), caller.bearer().orElseThrow());
  }
}

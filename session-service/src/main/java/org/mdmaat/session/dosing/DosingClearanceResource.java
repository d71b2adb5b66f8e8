package org.mdmaat.session.dosing;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;

@Path("/participants/{participantCode}/dosing-clearance")
public class DosingClearanceResource {
  private final DosingClearanceService clearances;
  private final Caller caller;

  DosingClearanceResource(DosingClearanceService clearances, Caller caller) {
    this.clearances = clearances;
    this.caller = caller;
  }

  /**
   * Whether the participant may be dosed now. Scoped by the participant's own site (local record or
   * ParticipantDirectory): another site's participant, or one neither knows, is a 404. 503 when
   * safety-service (or recruitment-service) cannot answer.
   */
  @GET
  @RolesAllowed({Roles.THERAPIST, Roles.INVESTIGATOR})
  public Uni<Clearance> get(
      @PathParam("participantCode") @Pattern(regexp = "[A-Za-z0-9-]{1,64}")
          String participantCode) {
    return clearances.clearance(participantCode, caller.scope());
  }
}

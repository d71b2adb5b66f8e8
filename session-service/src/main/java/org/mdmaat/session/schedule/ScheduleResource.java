package org.mdmaat.session.schedule;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.paging.PageRequest;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;

@Path("/participants/{participantCode}/schedule")
public class ScheduleResource {
  private final ScheduleService schedules;
  private final Caller caller;

  ScheduleResource(ScheduleService schedules, Caller caller) {
    this.schedules = schedules;
    this.caller = caller;
  }

  /** A participant's sessions in date order, with their windows and bookings. */
  @GET
  @RolesAllowed({Roles.SITE_COORDINATOR, Roles.INVESTIGATOR, Roles.THERAPIST})
  public Uni<PageOf<SessionView>> schedule(
      @PathParam("participantCode") @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String participantCode,
      @BeanParam @Valid PageRequest paging) {
    return schedules.schedule(participantCode, caller.scope(), paging.page(), paging.size());
  }
}

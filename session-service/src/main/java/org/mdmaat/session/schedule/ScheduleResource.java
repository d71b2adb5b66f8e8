package org.mdmaat.session.schedule;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;
import org.mdmaat.session.Problems;

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
      @QueryParam("page") @DefaultValue("0") @Min(0) int page,
      @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
    var sites = caller.sites();
    return schedules
        .participant(participantCode)
        .invoke(
            p -> {
              if (!sites.contains(p.siteCode)) {
                throw Problems.NOT_FOUND.problem("No participant " + participantCode);
              }
            })
        .chain(() -> schedules.schedule(participantCode, page, size));
  }
}

package org.mdmaat.session.schedule;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.paging.PageRequest;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;

/** A site's sessions by target date: what coordinators book from and teams plan with. */
@Path("/sites/{siteCode}/visits")
public class SiteVisitsResource {
  private final ScheduleService schedules;
  private final Caller caller;

  SiteVisitsResource(ScheduleService schedules, Caller caller) {
    this.schedules = schedules;
    this.caller = caller;
  }

  @GET
  @RolesAllowed({Roles.SITE_COORDINATOR, Roles.INVESTIGATOR, Roles.THERAPIST})
  public Uni<PageOf<SessionView>> list(
      @PathParam("siteCode") String siteCode,
      @QueryParam("from") @NotBlank String from,
      @QueryParam("to") @NotBlank String to,
      @QueryParam("status") String status,
      @BeanParam @Valid PageRequest paging) {
    return schedules.atSite(
        siteCode, from, to, status, caller.scope(), paging.page(), paging.size());
  }
}

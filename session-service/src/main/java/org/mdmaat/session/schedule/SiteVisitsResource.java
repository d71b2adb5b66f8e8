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
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.paging.PageRequest;
import org.mdmaat.platform.problem.Violation;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;
import org.mdmaat.session.Problems;

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
    caller.requireSite(siteCode);
    var fromDate = date("from", from);
    var toDate = date("to", to);
    if (toDate.isBefore(fromDate)) {
      throw Problems.BAD_QUERY.problem(
          "to is before from", List.of(new Violation("to", "must not be before from")));
    }
    SessionStatus wanted = null;
    if (status != null && !status.isBlank()) {
      try {
        wanted = SessionStatus.valueOf(status);
      } catch (IllegalArgumentException e) {
        throw Problems.BAD_QUERY.problem(
            "Unknown status " + status,
            List.of(new Violation("status", "must be one of " + List.of(SessionStatus.values()))));
      }
    }
    return schedules.atSite(siteCode, fromDate, toDate, wanted, paging.page(), paging.size());
  }

  private static LocalDate date(String field, String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw Problems.BAD_QUERY.problem(
          field + " is not a date",
          List.of(new Violation(field, "must be a date, e.g. 2026-03-01")));
    }
  }
}

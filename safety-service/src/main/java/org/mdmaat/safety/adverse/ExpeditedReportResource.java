package org.mdmaat.safety.adverse;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.paging.PageRequest;
import org.mdmaat.platform.problem.QueryChoice;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;

/**
 * Expedited IND safety reports a trial owes: the sponsor sees all of its trial, an investigator
 * those of their sites.
 */
@Path("/trials/{trialId}/expedited-reports")
public class ExpeditedReportResource {
  private final ExpeditedReports reports;
  private final Caller caller;

  ExpeditedReportResource(ExpeditedReports reports, Caller caller) {
    this.reports = reports;
    this.caller = caller;
  }

  @GET
  @RolesAllowed({Roles.SPONSOR, Roles.INVESTIGATOR})
  public Uni<PageOf<AdverseEventView>> list(
      @PathParam("trialId") @Size(max = 64) String trialId,
      @QueryParam("status") String statusName,
      @BeanParam @Valid PageRequest paging) {
    var status =
        QueryChoice.of(
            ExpeditedReports.ReportStatus.class,
            "status",
            statusName,
            ExpeditedReports.ReportStatus.OPEN);
    return reports.owed(trialId, status, caller.scope(), paging.page(), paging.size());
  }
}

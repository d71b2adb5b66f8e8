package org.mdmaat.outcomes.export;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import org.jboss.resteasy.reactive.RestResponse;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;

/**
 * A trial's assessments as files. No arms are exported (kit codes neither): exports are read by
 * blinded roles.
 */
@Path("/trials/{trialId}/exports")
@RolesAllowed({Roles.REGULATOR, Roles.SPONSOR, Roles.DSMB, Roles.INVESTIGATOR})
public class ExportResource {
  private final ExportService exports;
  private final Caller caller;

  ExportResource(ExportService exports, Caller caller) {
    this.exports = exports;
    this.caller = caller;
  }

  /** Current values, one line per item response. */
  @GET
  @Path("assessments.csv")
  @Produces("text/csv")
  public Uni<RestResponse<String>> csv(
      @PathParam("trialId") @Size(max = 64) String trialId,
      @QueryParam("instrument") @Size(max = 32) String instrument) {
    return exports
        .csv(trialId, instrument, caller.sites(), caller.sponsor(), caller.actor())
        .map(
            body ->
                RestResponse.ResponseBuilder.ok(body, "text/csv; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"assessments.csv\"")
                    .build());
  }

  /** CDISC ODM 1.3.2, transactional: every revision with its AuditRecord. */
  @GET
  @Path("assessments.odm.xml")
  @Produces("application/xml")
  public Uni<RestResponse<String>> odm(
      @PathParam("trialId") @Size(max = 64) String trialId,
      @QueryParam("instrument") @Size(max = 32) String instrument) {
    return exports
        .odm(trialId, instrument, caller.sites(), caller.sponsor(), caller.actor())
        .map(
            body ->
                RestResponse.ResponseBuilder.ok(body, "application/xml; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"assessments.odm.xml\"")
                    .build());
  }
}

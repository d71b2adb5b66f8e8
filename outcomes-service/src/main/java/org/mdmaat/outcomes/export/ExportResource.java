package org.mdmaat.outcomes.export;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import org.jboss.resteasy.reactive.RestResponse;
import org.mdmaat.platform.audit.AccessLog;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;

/**
 * A trial's assessments as CSV. No arms are exported (kit codes neither): exports are read by
 * blinded roles. The CDISC ODM form of the assessments is part of the trial's study export (gateway
 * {@code /api/trials/{trialId}/study.odm.xml}, this service's part in {@code odm}). Each export is
 * written to the platform's access log first (refused with 503 if it cannot be), with the reason
 * from {@value AccessLog#REASON_HEADER}.
 */
@Path("/trials/{trialId}/exports")
@RolesAllowed({Roles.REGULATOR, Roles.SPONSOR, Roles.DSMB, Roles.INVESTIGATOR})
public class ExportResource {
  private final ExportService exports;
  private final Caller caller;
  private final AccessLog accessLog;

  ExportResource(ExportService exports, Caller caller, AccessLog accessLog) {
    this.exports = exports;
    this.caller = caller;
    this.accessLog = accessLog;
  }

  private Uni<Void> logged(String trialId, String format, String instrument, String reason) {
    var what =
        "trialId="
            + trialId
            + "&format="
            + format
            + (instrument == null ? "" : "&instrument=" + instrument);
    return accessLog.record("assessment-export", what, reason);
  }

  /** Current values, one line per item response. */
  @GET
  @Path("assessments.csv")
  @Produces("text/csv")
  public Uni<RestResponse<String>> csv(
      @PathParam("trialId") @Size(max = 64) String trialId,
      @QueryParam("instrument") @Size(max = 32) String instrument,
      @HeaderParam(AccessLog.REASON_HEADER) String reason) {
    var scope = caller.scope();
    return logged(trialId, "csv", instrument, reason)
        .chain(() -> exports.csv(trialId, instrument, scope))
        .map(
            body ->
                RestResponse.ResponseBuilder.ok(body, "text/csv; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"assessments.csv\"")
                    .build());
  }
}

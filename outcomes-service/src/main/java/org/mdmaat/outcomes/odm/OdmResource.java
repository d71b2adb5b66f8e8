package org.mdmaat.outcomes.odm;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.RestResponse;
import org.mdmaat.platform.audit.AccessLog;
import org.mdmaat.platform.cdisc.Odm;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;

/**
 * outcomes-service's part of a trial's CDISC ODM 1.3.2 study export, which the gateway merges into
 * one file ({@code /api/trials/{trialId}/study.odm.xml}): the instruments' definitions and every
 * revision of every assessment. No arm. Each part is written to the access log first (kind {@code
 * odm-export}, refused with 503 if it cannot be), with the reason from {@value
 * AccessLog#REASON_HEADER}.
 */
@Path("/trials/{trialId}/odm")
@RolesAllowed({Roles.SPONSOR, Roles.REGULATOR})
public class OdmResource {
  private final OdmService odm;
  private final Caller caller;
  private final AccessLog accessLog;

  OdmResource(OdmService odm, Caller caller, AccessLog accessLog) {
    this.odm = odm;
    this.caller = caller;
    this.accessLog = accessLog;
  }

  private Uni<Void> logged(String trialId, String part, String reason) {
    return accessLog.record("odm-export", "trialId=" + trialId + "&part=" + part, reason);
  }

  /** A small ODM document: Study (definitions) and AdminData (users, sites). */
  @GET
  @Path("metadata")
  @Produces(Odm.PART_MEDIA_TYPE)
  public Uni<RestResponse<String>> metadata(
      @PathParam("trialId") @Size(max = 64) String trialId,
      @HeaderParam(AccessLog.REASON_HEADER) String reason) {
    var scope = caller.scope();
    return odm.metadata(trialId, scope)
        .call(() -> logged(trialId, "metadata", reason))
        .map(body -> RestResponse.ok(body));
  }

  /** The ClinicalData element, streamed (no XML declaration: the gateway embeds it). */
  // Not application/xml: an octet stream is passed through by Quarkus REST chunk by chunk.
  @GET
  @Path("clinical")
  @Produces(Odm.PART_MEDIA_TYPE)
  public RestMulti<Buffer> clinical(
      @PathParam("trialId") @Size(max = 64) String trialId,
      @HeaderParam(AccessLog.REASON_HEADER) String reason) {
    var scope = caller.scope();
    return RestMulti.fromUniResponse(
        odm.clinical(trialId, scope).call(() -> logged(trialId, "clinical", reason)), body -> body);
  }
}

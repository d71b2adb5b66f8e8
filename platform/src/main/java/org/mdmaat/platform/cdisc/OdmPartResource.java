package org.mdmaat.platform.cdisc;

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
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;

/**
 * Every service's {@code /trials/{trialId}/odm/metadata} and {@code /odm/clinical}: its {@link
 * OdmPart}, for the sponsor (of its own trials, which the part checks) and regulators. Each part is
 * written to the access log once the service has accepted the request and before a byte is sent
 * (kind {@value #ACCESS_KIND}; refused with 503 if it cannot be), with the reason from {@value
 * AccessLog#REASON_HEADER}.
 */
@Path("/trials/{trialId}/odm")
@RolesAllowed({Roles.SPONSOR, Roles.REGULATOR})
public class OdmPartResource {
  public static final String ACCESS_KIND = "odm-export";

  private final OdmPart part;
  private final Caller caller;
  private final AccessLog accessLog;

  OdmPartResource(OdmPart part, Caller caller, AccessLog accessLog) {
    this.part = part;
    this.caller = caller;
    this.accessLog = accessLog;
  }

  private Uni<Void> logged(String trialId, String which, String reason) {
    return accessLog.record(ACCESS_KIND, "trialId=" + trialId + "&part=" + which, reason);
  }

  @GET
  @Path("metadata")
  @Produces(Odm.PART_MEDIA_TYPE)
  public Uni<RestResponse<String>> metadata(
      @PathParam("trialId") @Size(max = 64) String trialId,
      @HeaderParam(AccessLog.REASON_HEADER) String reason) {
    return part.metadata(trialId, caller.scope())
        .call(() -> logged(trialId, "metadata", reason))
        .map(RestResponse::ok);
  }

  // Not application/xml: an octet stream is passed through by Quarkus REST chunk by chunk.
  @GET
  @Path("clinical")
  @Produces(Odm.PART_MEDIA_TYPE)
  public RestMulti<Buffer> clinical(
      @PathParam("trialId") @Size(max = 64) String trialId,
      @HeaderParam(AccessLog.REASON_HEADER) String reason) {
    return RestMulti.fromUniResponse(
        part.clinical(trialId, caller.scope()).call(() -> logged(trialId, "clinical", reason)),
        body -> body);
  }
}

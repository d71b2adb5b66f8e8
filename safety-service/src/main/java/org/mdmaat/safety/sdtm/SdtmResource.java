package org.mdmaat.safety.sdtm;

import io.vertx.core.buffer.Buffer;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestMulti;
import org.mdmaat.platform.audit.AccessLog;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;

/**
 * SDTM datasets (CDISC Dataset-JSON v1.1) of the domains safety-service owns: VS and AE. Each
 * download is written to the access log first (kind {@code sdtm-export}, refused with 503 if it
 * cannot be), with the reason from {@value AccessLog#REASON_HEADER}.
 */
@Path("/trials/{trialId}/sdtm/{domain}")
@RolesAllowed({Roles.SPONSOR, Roles.REGULATOR})
public class SdtmResource {
  private final SdtmService sdtm;
  private final Caller caller;
  private final AccessLog accessLog;

  SdtmResource(SdtmService sdtm, Caller caller, AccessLog accessLog) {
    this.sdtm = sdtm;
    this.caller = caller;
    this.accessLog = accessLog;
  }

  // Not application/json: Quarkus REST would wrap a Multi's chunks in a JSON array of its own.
  @GET
  @Produces(MediaType.APPLICATION_OCTET_STREAM)
  public RestMulti<Buffer> download(
      @PathParam("trialId") @Size(max = 64) String trialId,
      @PathParam("domain") @Size(max = 8) String domain,
      @HeaderParam(AccessLog.REASON_HEADER) String reason) {
    var scope = caller.scope();
    var file =
        sdtm.download(trialId, domain, scope)
            .call(
                () ->
                    accessLog.record(
                        "sdtm-export", "trialId=" + trialId + "&domain=" + domain, reason));
    return RestMulti.fromUniResponse(
        file,
        SdtmService.Download::body,
        download ->
            Map.of(
                "Content-Disposition",
                List.of("attachment; filename=\"" + download.fileName() + "\"")));
  }
}

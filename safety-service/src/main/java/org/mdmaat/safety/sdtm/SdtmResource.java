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
import org.jboss.resteasy.reactive.RestMulti;
import org.mdmaat.platform.audit.AccessLog;
import org.mdmaat.platform.cdisc.SdtmDownloads;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;

/**
 * SDTM datasets (CDISC Dataset-JSON v1.1) of the domains safety-service owns: VS and AE. Access is
 * the service's ({@link SdtmService}); the access log (kind {@code sdtm-export}, 503 if it cannot
 * be written, the reason from {@value AccessLog#REASON_HEADER}) and the streaming are the
 * platform's {@link SdtmDownloads}.
 */
@Path("/trials/{trialId}/sdtm/{domain}")
@RolesAllowed({Roles.SPONSOR, Roles.REGULATOR})
public class SdtmResource {
  private final SdtmService sdtm;
  private final Caller caller;
  private final SdtmDownloads downloads;

  SdtmResource(SdtmService sdtm, Caller caller, SdtmDownloads downloads) {
    this.sdtm = sdtm;
    this.caller = caller;
    this.downloads = downloads;
  }

  @GET
  @Produces(MediaType.APPLICATION_OCTET_STREAM)
  public RestMulti<Buffer> download(
      @PathParam("trialId") @Size(max = 64) String trialId,
      @PathParam("domain") @Size(max = 8) String domain,
      @HeaderParam(AccessLog.REASON_HEADER) String reason) {
    return downloads.stream(
        trialId, domain, reason, sdtm.download(trialId, domain, caller.scope()));
  }
}

package org.mdmaat.safety.vitals;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.jboss.resteasy.reactive.RestResponse;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.paging.PageRequest;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;

/**
 * Vital signs of dosing sessions. The participant's trial and site come from recruitment-service; a
 * participant at another site is a 404, an unreachable directory a 503 (nothing stored).
 */
@Path("/vitals")
public class VitalsResource {
  private final VitalsService vitals;
  private final Caller caller;

  VitalsResource(VitalsService vitals, Caller caller) {
    this.vitals = vitals;
    this.caller = caller;
  }

  @POST
  @RolesAllowed({Roles.INVESTIGATOR, Roles.THERAPIST})
  public Uni<RestResponse<VitalsService.IngestResult>> one(@Valid @NotNull VitalsRequest request) {
    return store(request.sessionId(), request.participantCode(), List.of(request.reading()));
  }

  @POST
  @Path("batch")
  @RolesAllowed({Roles.INVESTIGATOR, Roles.THERAPIST})
  public Uni<RestResponse<VitalsService.IngestResult>> batch(
      @Valid @NotNull VitalsBatchRequest request) {
    return store(request.sessionId(), request.participantCode(), request.readings());
  }

  private Uni<RestResponse<VitalsService.IngestResult>> store(
      String sessionId, String participantCode, List<VitalReading> readings) {
    return vitals
        .record(participantCode, sessionId, readings, caller.scope())
        .map(result -> RestResponse.status(RestResponse.Status.CREATED, result));
  }

  @GET
  @RolesAllowed({Roles.INVESTIGATOR, Roles.THERAPIST, Roles.SITE_COORDINATOR})
  public Uni<PageOf<VitalSignView>> list(
      @QueryParam("siteCode") @NotBlank String siteCode,
      @QueryParam("participantCode") String participantCode,
      @QueryParam("sessionId") String sessionId,
      @BeanParam @Valid PageRequest paging) {
    return vitals.atSite(
        siteCode, participantCode, sessionId, caller.scope(), paging.page(), paging.size());
  }
}

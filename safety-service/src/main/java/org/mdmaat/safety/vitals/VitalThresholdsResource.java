package org.mdmaat.safety.vitals;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.paging.PageRequest;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;

/**
 * A trial's vital-sign action limits. The sponsor (its own trials, the medical monitor) sets the
 * trial's, signed and with a reason; an investigator may only make them stricter for their own
 * site. Every change is audited and kept in the history.
 */
@Path("/trials/{trialId}")
public class VitalThresholdsResource {
  private final VitalLimitsService limits;
  private final Caller caller;

  VitalThresholdsResource(VitalLimitsService limits, Caller caller) {
    this.limits = limits;
    this.caller = caller;
  }

  /** Only the sponsor sets the limits for every site; an investigator is refused (403). */
  @PUT
  @Path("vital-thresholds")
  @RolesAllowed(Roles.SPONSOR)
  public Uni<ThresholdsView> set(
      @PathParam("trialId") @Size(max = 64) String trialId,
      @Valid @NotNull TrialLimitsRequest request) {
    return limits.setTrialWide(trialId, request, caller);
  }

  @GET
  @Path("vital-thresholds")
  @RolesAllowed({Roles.SPONSOR, Roles.INVESTIGATOR, Roles.THERAPIST})
  public Uni<ThresholdsView> get(@PathParam("trialId") @Size(max = 64) String trialId) {
    return limits.trialWide(trialId, caller.scope());
  }

  @GET
  @Path("vital-thresholds/history")
  @RolesAllowed({Roles.SPONSOR, Roles.INVESTIGATOR})
  public Uni<PageOf<VitalLimitsService.LimitChangeView>> history(
      @PathParam("trialId") @Size(max = 64) String trialId, @BeanParam @Valid PageRequest paging) {
    return limits.history(trialId, caller.scope(), paging.page(), paging.size());
  }

  /** An investigator of the site makes the trial's limits stricter there. */
  @PUT
  @Path("sites/{siteCode}/vital-thresholds")
  @RolesAllowed(Roles.INVESTIGATOR)
  public Uni<VitalLimitsService.SiteLimitsView> setAtSite(
      @PathParam("trialId") @Size(max = 64) String trialId,
      @PathParam("siteCode") @Size(max = 32) String siteCode,
      @Valid @NotNull SiteLimitsRequest request) {
    return limits.setAtSite(trialId, siteCode, request, caller.scope());
  }

  @GET
  @Path("sites/{siteCode}/vital-thresholds")
  @RolesAllowed({Roles.SPONSOR, Roles.INVESTIGATOR, Roles.THERAPIST})
  public Uni<VitalLimitsService.SiteLimitsView> getAtSite(
      @PathParam("trialId") @Size(max = 64) String trialId,
      @PathParam("siteCode") @Size(max = 32) String siteCode) {
    return limits.atSite(trialId, siteCode, caller.scope());
  }
}

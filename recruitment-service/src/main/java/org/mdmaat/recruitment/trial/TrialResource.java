package org.mdmaat.recruitment.trial;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestResponse;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.paging.PageRequest;
import org.mdmaat.platform.problem.QueryChoice;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;

/** A sponsor's trials: only its own (the token's {@code sponsor} claim); others answer 404. */
@Path("/trials")
@RolesAllowed(Roles.SPONSOR)
public class TrialResource {
  private final TrialService trials;
  private final Caller caller;

  TrialResource(TrialService trials, Caller caller) {
    this.trials = trials;
    this.caller = caller;
  }

  @POST
  public Uni<RestResponse<TrialView>> create(
      @Valid @NotNull CreateTrialRequest request, UriInfo uri) {
    return trials
        .create(request, caller.scope())
        .map(
            trial ->
                RestResponse.ResponseBuilder.<TrialView>created(
                        uri.getAbsolutePathBuilder().path(trial.id()).build())
                    .entity(trial)
                    .build());
  }

  @GET
  public Uni<PageOf<TrialView>> list(
      @QueryParam("status") String status, @BeanParam @Valid PageRequest paging) {
    return trials.list(
        caller.scope(),
        QueryChoice.of(TrialStatus.class, "status", status, null),
        paging.page(),
        paging.size());
  }

  @GET
  @Path("{id}")
  public Uni<TrialView> get(@PathParam("id") String id) {
    return trials.get(id, caller.scope());
  }

  /**
   * The trial's ClinicalTrials.gov record for registration (issue 21): protocol-public facts only,
   * never a participant or an allocation.
   */
  @GET
  @Path("{id}/registration")
  public Uni<TrialRegistration> registration(@PathParam("id") String id) {
    return trials.get(id, caller.scope()).map(TrialRegistration::of);
  }

  /** Moves the recruitment status; an illegal move answers 409. */
  @POST
  @Path("{id}/status")
  public Uni<TrialView> changeStatus(
      @PathParam("id") String id, @Valid @NotNull StatusChangeRequest request) {
    return trials.changeStatus(id, caller.scope(), request);
  }

  /**
   * The independent statistician sets the randomization seed before recruiting starts; answered
   * without it.
   */
  @PUT
  @Path("{id}/randomization-seed")
  @RolesAllowed(Roles.UNBLINDED_STATISTICIAN)
  public Uni<TrialView> setSeed(@PathParam("id") String id, @Valid @NotNull SeedRequest request) {
    return trials.setSeed(id, caller.scope(), request.seed());
  }

  /** Sets or changes a site's IANA time zone, with a reason; audited. */
  @PUT
  @Path("{id}/sites/{code}/time-zone")
  public Uni<TrialView> setSiteTimeZone(
      @PathParam("id") String id,
      @PathParam("code") String code,
      @Valid @NotNull SiteTimeZoneRequest request) {
    return trials.setSiteTimeZone(id, code, caller.scope(), request);
  }

  /**
   * Sets or changes the screening CAPS-5 threshold an eligibility signature needs (MAPP1 35, MAPP2
   * 28), with a reason; audited.
   */
  @PUT
  @Path("{id}/screening-caps5-threshold")
  public Uni<TrialView> setScreeningThreshold(
      @PathParam("id") String id, @Valid @NotNull ScreeningThresholdRequest request) {
    return trials.setScreeningThreshold(id, caller.scope(), request);
  }
}

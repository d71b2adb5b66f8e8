package org.mdmaat.recruitment.eligibility;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.jboss.resteasy.reactive.RestResponse;
import org.mdmaat.platform.audit.AccessLog;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.paging.PageRequest;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;

/** Anonymous pre-screens against a recruitment call's eligibility rules. */
@Path("/pre-screens")
public class PreScreenResource {
  private final PreScreenService screens;
  private final Caller caller;
  private final AccessLog accessLog;

  PreScreenResource(PreScreenService screens, Caller caller, AccessLog accessLog) {
    this.screens = screens;
    this.caller = caller;
    this.accessLog = accessLog;
  }

  @POST
  @PermitAll
  public Uni<RestResponse<PreScreenView>> submit(@Valid @NotNull PreScreenRequest request) {
    return screens
        .submit(request, caller.actor())
        .map(view -> RestResponse.status(RestResponse.Status.CREATED, view));
  }

  /**
   * Candidates who asked to be contacted, for coordinators at one of the trial's sites: names and
   * contacts, so the read is written to the access log first (refused if it cannot be).
   */
  @GET
  @RolesAllowed(Roles.SITE_COORDINATOR)
  public Uni<PageOf<ContactRequestView>> contactRequests(
      @QueryParam("trialId") @NotBlank String trialId,
      @BeanParam @Valid PageRequest paging,
      @HeaderParam(AccessLog.REASON_HEADER) String reason) {
    var query = "trialId=" + trialId + "&page=" + paging.page() + "&size=" + paging.size();
    return accessLog
        .record("contact-requests", query, reason)
        .chain(
            () -> screens.contactRequests(trialId, caller.scope(), paging.page(), paging.size()));
  }
}

package org.mdmaat.session.accountability;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.UUID;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.paging.PageRequest;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;
import org.mdmaat.platform.signature.SignatureRequest;
import org.mdmaat.platform.signature.Signatures;

/**
 * Witnessed destructions of a site. Pharmacists record and cancel them; pharmacists, investigators
 * and site coordinators of the site witness them, each with their own electronic signature. Nobody
 * here sees what a kit holds: only kit codes and amounts.
 */
@Path("/accountability/{siteCode}/destructions")
public class DestructionResource {
  private final DestructionService destructions;
  private final Signatures signatures;
  private final Caller caller;

  DestructionResource(DestructionService destructions, Signatures signatures, Caller caller) {
    this.destructions = destructions;
    this.signatures = signatures;
    this.caller = caller;
  }

  @POST
  @ResponseStatus(201)
  @RolesAllowed(Roles.PHARMACIST)
  public Uni<DestructionView> record(
      @PathParam("siteCode") String siteCode, @Valid @NotNull DestructionRequest request) {
    return destructions.record(siteCode, request, caller.scope(), caller.fullName());
  }

  @GET
  @RolesAllowed({Roles.PHARMACIST, Roles.INVESTIGATOR, Roles.SITE_COORDINATOR})
  public Uni<PageOf<DestructionView>> list(
      @PathParam("siteCode") String siteCode,
      @QueryParam("status") String status,
      @BeanParam @Valid PageRequest paging) {
    return destructions.list(siteCode, status, caller.scope(), paging.page(), paging.size());
  }

  @GET
  @Path("{id}")
  @RolesAllowed({Roles.PHARMACIST, Roles.INVESTIGATOR, Roles.SITE_COORDINATOR})
  public Uni<DestructionView> get(
      @PathParam("siteCode") String siteCode, @PathParam("id") UUID id) {
    return destructions.get(siteCode, id, caller.scope());
  }

  /**
   * A witness signs: {@code {"meaning": ...}} only; who signs and their name come from a fresh
   * login's token (401 with a challenge to log in again otherwise). The second distinct witness
   * completes it.
   */
  @POST
  @Path("{id}/signatures")
  @ResponseStatus(201)
  @RolesAllowed({Roles.PHARMACIST, Roles.INVESTIGATOR, Roles.SITE_COORDINATOR})
  public Uni<DestructionView> sign(
      @PathParam("siteCode") String siteCode,
      @PathParam("id") UUID id,
      @Valid @NotNull SignatureRequest request) {
    return destructions.sign(
        siteCode,
        id,
        caller.scope(),
        caller.fullName(),
        record -> signatures.sign(caller, request.meaning(), record));
  }

  @POST
  @Path("{id}/cancellation")
  @RolesAllowed(Roles.PHARMACIST)
  public Uni<DestructionView> cancel(
      @PathParam("siteCode") String siteCode,
      @PathParam("id") UUID id,
      @Valid @NotNull CancellationRequest request) {
    return destructions.cancel(siteCode, id, request, caller.scope());
  }
}

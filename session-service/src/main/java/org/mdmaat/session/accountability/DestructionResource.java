package org.mdmaat.session.accountability;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.json.JsonString;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.paging.PageRequest;
import org.mdmaat.platform.problem.QueryChoice;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;

/**
 * Witnessed destructions of a site. Pharmacists record and cancel them; pharmacists, investigators
 * and site coordinators of the site witness them, each signing with their own token. Nobody here
 * sees what a kit holds: only kit codes and amounts.
 */
@Path("/accountability/{siteCode}/destructions")
public class DestructionResource {
  private final DestructionService destructions;
  private final Caller caller;
  private final SecurityIdentity identity;

  DestructionResource(DestructionService destructions, Caller caller, SecurityIdentity identity) {
    this.destructions = destructions;
    this.caller = caller;
    this.identity = identity;
  }

  @POST
  @ResponseStatus(201)
  @RolesAllowed(Roles.PHARMACIST)
  public Uni<DestructionView> record(
      @PathParam("siteCode") String siteCode, @Valid @NotNull DestructionRequest request) {
    caller.requireSite(siteCode);
    return destructions.record(siteCode, request, signer());
  }

  @GET
  @RolesAllowed({Roles.PHARMACIST, Roles.INVESTIGATOR, Roles.SITE_COORDINATOR})
  public Uni<PageOf<DestructionView>> list(
      @PathParam("siteCode") String siteCode,
      @QueryParam("status") String status,
      @BeanParam @Valid PageRequest paging) {
    caller.requireSite(siteCode);
    return destructions.list(
        siteCode,
        QueryChoice.of(DestructionStatus.class, "status", status, null),
        paging.page(),
        paging.size());
  }

  @GET
  @Path("{id}")
  @RolesAllowed({Roles.PHARMACIST, Roles.INVESTIGATOR, Roles.SITE_COORDINATOR})
  public Uni<DestructionView> get(
      @PathParam("siteCode") String siteCode, @PathParam("id") UUID id) {
    caller.requireSite(siteCode);
    return destructions.get(siteCode, id);
  }

  /** A witness signs with their own token; the second distinct witness completes it. */
  @POST
  @Path("{id}/signatures")
  @ResponseStatus(201)
  @RolesAllowed({Roles.PHARMACIST, Roles.INVESTIGATOR, Roles.SITE_COORDINATOR})
  public Uni<DestructionView> sign(
      @PathParam("siteCode") String siteCode,
      @PathParam("id") UUID id,
      @Valid @NotNull SignatureRequest request) {
    caller.requireSite(siteCode);
    return destructions.sign(siteCode, id, request, signer());
  }

  @POST
  @Path("{id}/cancellation")
  @RolesAllowed(Roles.PHARMACIST)
  public Uni<DestructionView> cancel(
      @PathParam("siteCode") String siteCode,
      @PathParam("id") UUID id,
      @Valid @NotNull CancellationRequest request) {
    caller.requireSite(siteCode);
    return destructions.cancel(siteCode, id, request, caller.actor());
  }

  /** The caller as a signer: the account's full name from the token's {@code name} claim. */
  private Signer signer() {
    String name = null;
    if (identity != null && identity.getPrincipal() instanceof JsonWebToken token) {
      Object claim = token.getClaim("name");
      if (claim instanceof JsonString json) {
        name = json.getString();
      } else if (claim instanceof String text) {
        name = text;
      }
    }
    return new Signer(caller.actor(), name == null || name.isBlank() ? null : name.strip());
  }
}

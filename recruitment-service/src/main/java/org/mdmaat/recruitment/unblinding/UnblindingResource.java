package org.mdmaat.recruitment.unblinding;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestResponse;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.paging.PageRequest;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;
import org.mdmaat.platform.signature.Signatures;

/**
 * Whole-trial unblinding: a request by the sponsor or a DSMB member, then the approval (or
 * rejection) of a second person in an unblinded role. Each step is signed with a fresh login.
 */
@Path("/trials/{id}/unblinding-requests")
public class UnblindingResource {
  private final UnblindingService unblinding;
  private final Signatures signatures;
  private final Caller caller;

  UnblindingResource(UnblindingService unblinding, Signatures signatures, Caller caller) {
    this.unblinding = unblinding;
    this.signatures = signatures;
    this.caller = caller;
  }

  @POST
  @RolesAllowed({Roles.SPONSOR, Roles.DSMB})
  public Uni<RestResponse<UnblindingView>> request(
      @PathParam("id") String id, @Valid @NotNull UnblindingRequests.Request request, UriInfo uri) {
    return unblinding
        .request(
            id,
            request,
            caller.scope(),
            record -> signatures.sign(caller, request.signature().meaning(), record))
        .map(
            view ->
                RestResponse.ResponseBuilder.<UnblindingView>created(
                        uri.getAbsolutePathBuilder().path(view.id().toString()).build())
                    .entity(view)
                    .build());
  }

  @GET
  @RolesAllowed({Roles.SPONSOR, Roles.DSMB, Roles.UNBLINDED_STATISTICIAN, Roles.REGULATOR})
  public Uni<PageOf<UnblindingView>> list(
      @PathParam("id") String id, @BeanParam @Valid PageRequest paging) {
    return unblinding.list(id, caller.scope(), paging.page(), paging.size());
  }

  @GET
  @Path("{request}")
  @RolesAllowed({Roles.SPONSOR, Roles.DSMB, Roles.UNBLINDED_STATISTICIAN, Roles.REGULATOR})
  public Uni<UnblindingView> get(@PathParam("id") String id, @PathParam("request") UUID request) {
    return unblinding.get(id, request, caller.scope());
  }

  /** The second person's approval: unblinds the trial and announces it. */
  @POST
  @Path("{request}/approval")
  @RolesAllowed({Roles.DSMB, Roles.UNBLINDED_STATISTICIAN})
  public Uni<UnblindingView> approve(
      @PathParam("id") String id,
      @PathParam("request") UUID request,
      @Valid @NotNull UnblindingRequests.Approval approval) {
    return unblinding.approve(
        id,
        request,
        caller.scope(),
        caller.id(),
        record -> signatures.sign(caller, approval.signature().meaning(), record));
  }

  @POST
  @Path("{request}/rejection")
  @RolesAllowed({Roles.DSMB, Roles.UNBLINDED_STATISTICIAN})
  public Uni<UnblindingView> reject(
      @PathParam("id") String id,
      @PathParam("request") UUID request,
      @Valid @NotNull UnblindingRequests.Rejection rejection) {
    return unblinding.reject(
        id,
        request,
        rejection,
        caller.scope(),
        record -> signatures.sign(caller, rejection.signature().meaning(), record));
  }
}

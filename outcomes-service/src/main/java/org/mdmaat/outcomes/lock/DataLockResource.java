package org.mdmaat.outcomes.lock;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestResponse;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.paging.PageRequest;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;
import org.mdmaat.platform.signature.Signatures;

/**
 * The database lock of a trial's outcome data: the sponsor locks and unlocks it, signing each;
 * oversight reads its state. A sponsor's or oversight member's trials are their organisation's only
 * (another's answers 404).
 */
@Path("/trials/{trialId}/data-lock")
public class DataLockResource {
  private final DataLockService locks;
  private final Signatures signatures;
  private final Caller caller;

  DataLockResource(DataLockService locks, Signatures signatures, Caller caller) {
    this.locks = locks;
    this.signatures = signatures;
    this.caller = caller;
  }

  @GET
  @RolesAllowed({Roles.SPONSOR, Roles.DSMB, Roles.UNBLINDED_STATISTICIAN, Roles.REGULATOR})
  public Uni<DataLockView> state(@PathParam("trialId") @Size(max = 64) String trialId) {
    return locks.state(trialId, caller.scope());
  }

  /** Every lock and unlock with its signature, oldest first (page/size paging). */
  @GET
  @Path("history")
  @RolesAllowed({Roles.SPONSOR, Roles.DSMB, Roles.UNBLINDED_STATISTICIAN, Roles.REGULATOR})
  public Uni<PageOf<DataLockView.Entry>> history(
      @PathParam("trialId") @Size(max = 64) String trialId, @BeanParam @Valid PageRequest paging) {
    return locks.history(trialId, caller.scope(), paging.page(), paging.size());
  }

  @POST
  @RolesAllowed(Roles.SPONSOR)
  public Uni<RestResponse<DataLockView>> lock(
      @PathParam("trialId") @Size(max = 64) String trialId,
      @Valid @NotNull DataLockRequest request,
      UriInfo uri) {
    return locks
        .lock(
            trialId,
            request.reason(),
            caller.scope(),
            record -> signatures.sign(caller, request.signature().meaning(), record))
        .map(
            view ->
                RestResponse.ResponseBuilder.<DataLockView>created(
                        uri.getBaseUriBuilder().path("trials/{trialId}/data-lock").build(trialId))
                    .entity(view)
                    .build());
  }

  /** The unlock: POST rather than DELETE, since it carries a reason and a signature. */
  @POST
  @Path("release")
  @RolesAllowed(Roles.SPONSOR)
  public Uni<DataLockView> release(
      @PathParam("trialId") @Size(max = 64) String trialId,
      @Valid @NotNull DataLockRequest request) {
    return locks.release(
        trialId,
        request.reason(),
        caller.scope(),
        record -> signatures.sign(caller, request.signature().meaning(), record));
  }
}

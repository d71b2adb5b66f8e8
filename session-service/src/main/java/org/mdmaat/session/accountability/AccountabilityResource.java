package org.mdmaat.session.accountability;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;

/** Schedule I accountability of a site: pharmacists of that site only (they may see arms). */
@Path("/accountability/{siteCode}")
@RolesAllowed(Roles.PHARMACIST)
public class AccountabilityResource {
  private final AccountabilityService ledger;
  private final Caller caller;

  AccountabilityResource(AccountabilityService ledger, Caller caller) {
    this.ledger = ledger;
    this.caller = caller;
  }

  @POST
  @Path("receipts")
  @ResponseStatus(201)
  public Uni<MovementView> receive(
      @PathParam("siteCode") String siteCode, @Valid @NotNull MovementRequest request) {
    caller.requireSite(siteCode);
    return ledger.receive(siteCode, request, caller.actor());
  }

  @POST
  @Path("returns")
  @ResponseStatus(201)
  public Uni<MovementView> returned(
      @PathParam("siteCode") String siteCode, @Valid @NotNull MovementRequest request) {
    caller.requireSite(siteCode);
    return ledger.returned(siteCode, request, caller.actor());
  }

  @POST
  @Path("destructions")
  @ResponseStatus(201)
  public Uni<MovementView> destroyed(
      @PathParam("siteCode") String siteCode, @Valid @NotNull MovementRequest request) {
    caller.requireSite(siteCode);
    return ledger.destroyed(siteCode, request, caller.actor());
  }

  /** The ledger, oldest first, with the running balance after each line. */
  @GET
  @Path("movements")
  public Uni<PageOf<MovementView>> movements(
      @PathParam("siteCode") String siteCode,
      @QueryParam("page") @DefaultValue("0") @Min(0) int page,
      @QueryParam("size") @DefaultValue("50") @Min(1) @Max(200) int size) {
    caller.requireSite(siteCode);
    return ledger.ledger(siteCode, page, size);
  }

  @GET
  @Path("balance")
  public Uni<KitBalance> balance(@PathParam("siteCode") String siteCode) {
    caller.requireSite(siteCode);
    return ledger.balance(siteCode);
  }

  @GET
  @Path("discrepancies")
  public Uni<List<Discrepancy>> discrepancies(@PathParam("siteCode") String siteCode) {
    caller.requireSite(siteCode);
    return ledger.discrepancies(siteCode);
  }
}

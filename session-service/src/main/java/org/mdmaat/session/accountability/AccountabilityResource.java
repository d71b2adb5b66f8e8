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
import org.jboss.resteasy.reactive.ResponseStatus;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.paging.PageRequest;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;

/**
 * Schedule I accountability of a site: pharmacists of that site only (they may see what kits hold,
 * and balances by content, which tell arms). Destructions and their witnesses: {@link
 * DestructionResource}.
 */
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
      @PathParam("siteCode") String siteCode, @Valid @NotNull ReceiptRequest request) {
    return ledger.receive(siteCode, request, caller.scope());
  }

  @POST
  @Path("returns")
  @ResponseStatus(201)
  public Uni<MovementView> returned(
      @PathParam("siteCode") String siteCode, @Valid @NotNull ReturnRequest request) {
    return ledger.returned(siteCode, request, caller.scope());
  }

  @POST
  @Path("losses")
  @ResponseStatus(201)
  public Uni<MovementView> lost(
      @PathParam("siteCode") String siteCode, @Valid @NotNull IncidentRequest request) {
    return ledger.incident(siteCode, MovementKind.LOST, request, caller.scope());
  }

  @POST
  @Path("thefts")
  @ResponseStatus(201)
  public Uni<MovementView> stolen(
      @PathParam("siteCode") String siteCode, @Valid @NotNull IncidentRequest request) {
    return ledger.incident(siteCode, MovementKind.STOLEN, request, caller.scope());
  }

  /** The ledger in sequence order, with each content's running balance after each line. */
  @GET
  @Path("movements")
  public Uni<PageOf<MovementView>> movements(
      @PathParam("siteCode") String siteCode,
      @QueryParam("content") String content,
      @QueryParam("kind") String kind,
      @BeanParam @Valid PageRequest paging) {
    return ledger.ledger(siteCode, content, kind, caller.scope(), paging.page(), paging.size());
  }

  @GET
  @Path("balance")
  public Uni<KitBalance> balance(@PathParam("siteCode") String siteCode) {
    return ledger.balance(siteCode, caller.scope());
  }

  @GET
  @Path("kits")
  public Uni<PageOf<KitView>> kits(
      @PathParam("siteCode") String siteCode,
      @QueryParam("content") String content,
      @BeanParam @Valid PageRequest paging) {
    return ledger.kits(siteCode, content, caller.scope(), paging.page(), paging.size());
  }

  @GET
  @Path("discrepancies")
  public Uni<PageOf<Discrepancy>> discrepancies(
      @PathParam("siteCode") String siteCode, @BeanParam @Valid PageRequest paging) {
    return ledger.discrepancies(siteCode, caller.scope(), paging.page(), paging.size());
  }
}

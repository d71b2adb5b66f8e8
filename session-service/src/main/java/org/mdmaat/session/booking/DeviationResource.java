package org.mdmaat.session.booking;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.paging.PageRequest;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;

@Path("/deviations")
public class DeviationResource {
  private final BookingService bookings;
  private final Caller caller;

  DeviationResource(BookingService bookings, Caller caller) {
    this.bookings = bookings;
    this.caller = caller;
  }

  /** Protocol deviations at one of the caller's sites, newest first. */
  @GET
  @RolesAllowed({Roles.SITE_COORDINATOR, Roles.INVESTIGATOR})
  public Uni<PageOf<DeviationView>> list(
      @QueryParam("siteCode") @NotBlank String siteCode, @BeanParam @Valid PageRequest paging) {
    return bookings.deviations(siteCode, caller.scope(), paging.page(), paging.size());
  }
}

package org.mdmaat.session.booking;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;
import org.mdmaat.session.schedule.SessionView;

@Path("/visits/{id}/booking")
public class BookingResource {
  private final BookingService bookings;
  private final Caller caller;

  BookingResource(BookingService bookings, Caller caller) {
    this.bookings = bookings;
    this.caller = caller;
  }

  /**
   * Books or rebooks a session not yet begun. 409 when the room or a therapist is already in an
   * overlapping session (or the session has begun); 422 when a protocol rule is broken (dosing
   * session without two therapists, outside the window without a deviation reason) or a therapist
   * is not bookable ({@code SES-0422-THERAPIST-*}: no such account, disabled, not a therapist, not
   * at the session's site, named twice); 503 {@code SES-0503-KEYCLOAK} when the therapists cannot
   * be verified. A refused booking writes nothing.
   */
  @PUT
  @RolesAllowed(Roles.SITE_COORDINATOR)
  public Uni<SessionView> book(@PathParam("id") UUID id, @Valid @NotNull BookingRequest request) {
    return bookings.book(id, request, caller.scope());
  }
}

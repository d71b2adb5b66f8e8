package org.mdmaat.safety.monitor;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotBlank;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.RestStreamElementType;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;

/**
 * The live dosing-session monitor of one participant's session, for the site's investigators and
 * therapists (those who read its alerts): a participant of another site is a 404 as for the vitals
 * read, for the stream too ({@link MonitorAccessFilter}, before its headers). {@code /stream} is
 * server-sent events, one {@link MonitorSnapshot} per change.
 */
@Path("/monitor")
public class MonitorResource {
  private final SessionMonitor monitor;
  private final Caller caller;

  MonitorResource(SessionMonitor monitor, Caller caller) {
    this.monitor = monitor;
    this.caller = caller;
  }

  @GET
  @RolesAllowed({Roles.INVESTIGATOR, Roles.THERAPIST})
  public Uni<MonitorSnapshot> now(
      @QueryParam("participantCode") @NotBlank String participantCode,
      @QueryParam("sessionId") @NotBlank String sessionId) {
    var scope = caller.scope();
    return monitor
        .open(participantCode, scope)
        .flatMap(participant -> monitor.snapshot(participant, sessionId, scope));
  }

  @GET
  @Path("stream")
  @SiteCheckedFirst
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RestStreamElementType(MediaType.APPLICATION_JSON)
  @RolesAllowed({Roles.INVESTIGATOR, Roles.THERAPIST})
  public Multi<MonitorSnapshot> stream(
      @QueryParam("participantCode") @NotBlank String participantCode,
      @QueryParam("sessionId") @NotBlank String sessionId) {
    // The request's context: the periodic reads must run where its reactive session can live.
    var context = Vertx.currentContext();
    var scope = caller.scope();
    // MonitorAccessFilter refused another site's participant before the headers; this second
    // look-up gives the participant's trial and site to the reads (and refuses too, if the
    // participant moved in between, by closing the stream).
    return RestMulti.fromUniResponse(
        monitor.open(participantCode, scope),
        participant -> monitor.updates(participant, sessionId, scope, context));
  }
}

package org.mdmaat.safety.monitor;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;

/**
 * Checks the monitor's participant against the caller's sites before a {@link SiteCheckedFirst}
 * endpoint runs. A server-sent-events answer commits its 200 and headers when the endpoint returns
 * its stream, so a refusal found while the stream starts could only close it; here it is a
 * problem+json 404 ({@code SAF-0404-PARTICIPANT}) like the snapshot read, and nothing is streamed.
 */
public class MonitorAccessFilter {
  private final SessionMonitor monitor;
  private final Caller caller;

  MonitorAccessFilter(SessionMonitor monitor, Caller caller) {
    this.monitor = monitor;
    this.caller = caller;
  }

  @ServerRequestFilter
  @SiteCheckedFirst
  public Uni<Void> participantAtCallersSite(ContainerRequestContext request) {
    var code = request.getUriInfo().getQueryParameters().getFirst("participantCode");
    // The endpoint's own checks answer these: a caller without a monitor role (401/403 from the
    // role check, whichever runs first) and a missing code (400 from validation).
    if (!(caller.hasRole(Roles.INVESTIGATOR) || caller.hasRole(Roles.THERAPIST))
        || code == null
        || code.isBlank()) {
      return Uni.createFrom().voidItem();
    }
    return monitor.open(code, caller.scope()).replaceWithVoid();
  }
}

package org.mdmaat.gateway.access;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.mdmaat.gateway.hygiene.RateLimiter;
import org.mdmaat.platform.correlation.Correlation;
import org.mdmaat.platform.problem.VertxProblems;

/**
 * Every {@code /api} and {@code /fhir} request passes here first: the route policy decides who may
 * use the route, the caller's token (already verified by Quarkus OIDC) is checked against it, and
 * the caller's rate limit is taken. Refusals are problem+json: 401 without a usable token, 403 for
 * a role the route never allows, 405 for a write to a read-only route, 429 over the rate limit.
 */
@ApplicationScoped
public class FrontDoor {
  /** Observer priority: before the gateway's own API and the relays. */
  public static final int INSTALL_ORDER = 100;

  private static final Logger LOG = Logger.getLogger(FrontDoor.class);

  /** Requests refused with 429, by {@code caller} ({@code anonymous} or {@code authenticated}). */
  static final String RATE_LIMITED = "mdmaat.gateway.rate.limited";

  private final RateLimiter limits;
  private final MeterRegistry meters;

  FrontDoor(RateLimiter limits, MeterRegistry meters) {
    this.limits = limits;
    this.meters = meters;
  }

  void install(@Observes @Priority(INSTALL_ORDER) Router router) {
    router.route("/api/*").handler(this::admit);
    router.route("/fhir/*").handler(this::admit);
  }

  void admit(RoutingContext ctx) {
    var access = RoutePolicy.decide(ctx.request().method(), ctx.normalizedPath());
    if (access == null) {
      ctx.next();
      return;
    }
    if (access instanceof Access.ReadOnly readOnly) {
      VertxProblems.answer(
          ctx,
          405,
          "GW-0405",
          "This API is read-only: " + ctx.request().method() + " is not allowed.",
          Map.of("Allow", readOnly.allow()),
          List.of());
    } else if (access instanceof Access.Anonymous) {
      limited(ctx, "anonymous", limits.anonymous(clientAddress(ctx)));
    } else if (access instanceof Access.RolesAllowed allowed) {
      QuarkusHttpUser.getSecurityIdentity(ctx, null)
          .subscribe()
          .with(identity -> authorize(ctx, allowed, identity), failure -> ctx.fail(401, failure));
    }
  }

  private void authorize(RoutingContext ctx, Access.RolesAllowed allowed, SecurityIdentity who) {
    if (who == null || who.isAnonymous()) {
      AuthenticationFailures.unauthorized(ctx, "A bearer token from the trials realm is required.");
      return;
    }
    if (!allowed.admits(who.getRoles())) {
      LOG.infof(
          "refused %s %s to %s (roles %s)",
          ctx.request().method(),
          ctx.normalizedPath(),
          who.getPrincipal().getName(),
          who.getRoles());
      VertxProblems.answer(
          ctx, 403, "GW-0403", "Your role may not use " + ctx.request().method() + " here.");
      return;
    }
    MDC.put(Correlation.MDC_KEY, Correlation.of(ctx));
    limited(ctx, "authenticated", limits.authenticated(subject(who)));
  }

  private void limited(RoutingContext ctx, String caller, Optional<Duration> wait) {
    if (wait.isEmpty()) {
      ctx.next();
      return;
    }
    meters.counter(RATE_LIMITED, "caller", caller).increment();
    long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
    VertxProblems.answer(
        ctx,
        429,
        "GW-0429",
        "Too many requests; try again in " + seconds + " s.",
        Map.of("Retry-After", Long.toString(seconds)),
        List.of());
  }

  private static String subject(SecurityIdentity who) {
    if (who.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null) {
      return jwt.getSubject();
    }
    return who.getPrincipal().getName();
  }

  static String clientAddress(RoutingContext ctx) {
    // The peer, or the forwarded client when quarkus.http.proxy.* trusts the proxy in front.
    var address = ctx.request().remoteAddress();
    return address == null ? "unknown" : address.hostAddress();
  }
}

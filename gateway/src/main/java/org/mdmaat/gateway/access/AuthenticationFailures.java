package org.mdmaat.gateway.access;

import io.quarkus.oidc.OIDCException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.mdmaat.platform.problem.VertxProblems;

/**
 * Answers failures that happen before (or instead of) a handler's own answer as problem+json: a
 * token that fails verification (expired, wrong issuer or audience, bad signature, {@code alg:
 * none}) is rejected by Quarkus' proactive authentication, which would otherwise answer an empty
 * 401; a body over the limit (413); and Keycloak being unreachable (503 rather than 401 or 500).
 */
@ApplicationScoped
public class AuthenticationFailures {
  private static final Logger LOG = Logger.getLogger(AuthenticationFailures.class);

  void install(@Observes Router router) {
    router.route().order(Integer.MIN_VALUE).failureHandler(AuthenticationFailures::handle);
  }

  static void handle(RoutingContext ctx) {
    var failure = ctx.failure();
    if (identityProviderUnreachable(failure)) {
      LOG.warnf("Keycloak unreachable: %s", failure.toString());
      VertxProblems.answer(
          ctx,
          503,
          "GW-0503-IDP",
          "The identity provider cannot be reached; try again later.",
          Map.of("Retry-After", "5"),
          List.of());
    } else if (failure instanceof AuthenticationFailedException
        || failure instanceof UnauthorizedException
        || ctx.statusCode() == 401) {
      unauthorized(ctx, "The bearer token is invalid, expired or not for this API.");
    } else if (failure instanceof ForbiddenException || ctx.statusCode() == 403) {
      VertxProblems.answer(ctx, 403, "GW-0403", "Your role may not use this route.");
    } else if (ctx.statusCode() == 413) {
      VertxProblems.answer(ctx, 413, "GW-0413", "The request body is larger than allowed.");
    } else {
      ctx.next();
    }
  }

  static void unauthorized(RoutingContext ctx, String detail) {
    VertxProblems.answer(
        ctx,
        401,
        "GW-0401",
        detail,
        Map.of("WWW-Authenticate", "Bearer realm=\"trials\""),
        List.of());
  }

  private static boolean identityProviderUnreachable(Throwable failure) {
    // Quarkus OIDC fails with a bare OIDCException when it cannot reach Keycloak to set itself up;
    // a token that fails verification comes as AuthenticationFailedException instead.
    if (failure instanceof OIDCException) {
      return true;
    }
    for (var cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException
          || cause instanceof UnknownHostException
          || cause instanceof io.netty.channel.ConnectTimeoutException) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }
}

package org.mdmaat.gateway.hygiene;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Security headers on every answer, set when the headers are written so that they replace whatever
 * a service sent: the gateway decides how browsers treat the platform's answers. API answers carry
 * patient-related data and are never cached.
 */
@ApplicationScoped
public class SecurityHeaders {
  static final int PRIORITY = 900;

  void register(@Observes Filters filters) {
    filters.register(SecurityHeaders::handle, PRIORITY);
  }

  static void handle(RoutingContext ctx) {
    // The FHIR API carries the same records as the REST API: never cached either.
    boolean api =
        ctx.request().path().startsWith("/api/") || ctx.request().path().startsWith("/fhir/");
    ctx.addHeadersEndHandler(
        ignored -> {
          var headers = ctx.response().headers();
          headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
          headers.set("X-Content-Type-Options", "nosniff");
          headers.set("X-Frame-Options", "DENY");
          headers.set("Referrer-Policy", "no-referrer");
          if (api) {
            headers.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
            headers.set("Cache-Control", "no-store");
            headers.remove("Pragma");
          } else {
            // Swagger UI needs its own scripts and styles; it must still not be framed.
            headers.set("Content-Security-Policy", "frame-ancestors 'none'");
          }
        });
    ctx.next();
  }
}

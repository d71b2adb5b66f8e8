package org.mdmaat.gateway.routing;

import io.vertx.ext.web.Router;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.mdmaat.platform.problem.VertxProblems;

/** The last {@code /api} route: a path no service and no gateway API serves is a 404 problem. */
@ApplicationScoped
public class Unrouted {
  void install(@Observes @Priority(ServiceRoutes.INSTALL_ORDER + 100) Router router) {
    router
        .route("/api/*")
        .handler(
            ctx ->
                VertxProblems.answer(
                    ctx, 404, "GW-0404", "No API at " + ctx.normalizedPath() + "."));
  }
}

package org.mdmaat.gateway.web;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.mdmaat.gateway.access.FrontDoor;

/**
 * The web pages' own routes; the pages and their scripts are static files (META-INF/resources),
 * public like any static file, and get every record through the {@code /api} routes with the
 * visitor's token, so the route policy and the services decide what a page shows.
 */
@ApplicationScoped
public class WebPages {
  void install(@Observes @Priority(FrontDoor.INSTALL_ORDER - 10) Router router, WebConfig config) {
    // A recruitment call's page has the call's id in its path; one page serves every call.
    router.get("/calls/:id").handler(ctx -> ctx.reroute("/call.html"));
    var login =
        new JsonObject()
            .put("authServerUrl", config.authServerUrl())
            .put("clientId", config.clientId())
            .encode();
    router
        .get("/site/config.json")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Cache-Control", "no-store")
                    .end(login));
  }
}

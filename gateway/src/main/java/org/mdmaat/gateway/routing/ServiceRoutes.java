package org.mdmaat.gateway.routing;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Installs one relay route per configured service under {@code /api/{service}}. Installed after the
 * front door ({@code access.FrontDoor}), which has already authenticated, authorized and
 * rate-limited the request.
 */
@ApplicationScoped
public class ServiceRoutes {
  /** Observer priority: after the front door and the gateway's own API. */
  public static final int INSTALL_ORDER = 300;

  private static final Logger LOG = Logger.getLogger(ServiceRoutes.class);

  void install(
      @Observes @Priority(INSTALL_ORDER) Router router, Upstreams upstreams, GatewayConfig config) {
    var bodies = BodyHandler.create(false).setBodyLimit(config.maxBodySize().asLongValue());
    for (var upstream : upstreams.all()) {
      var relay = new ServiceRelay(upstream, config.timeout());
      var prefix = upstream.path();
      router.route(prefix).handler(bodies).handler(relay::relay);
      router.route(prefix + "/*").handler(bodies).handler(relay::relay);
      LOG.infof("route %s/* -> %s", prefix, config.routes().get(upstream.name()).url());
    }
  }
}

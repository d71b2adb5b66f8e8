package org.mdmaat.gateway.routing;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import org.jboss.logging.Logger;

/** Installs one relay route per configured service under {@code /api/{service}}. */
@ApplicationScoped
public class ServiceRoutes {
  private static final Logger LOG = Logger.getLogger(ServiceRoutes.class);

  void install(@Observes Router router, Vertx vertx, GatewayConfig config) {
    var client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setConnectTimeout((int) Math.min(config.timeout().toMillis(), 5_000))
                .setKeepAlive(true));
    var bodies = BodyHandler.create(false).setBodyLimit(config.maxBodySize().asLongValue());
    config
        .routes()
        .forEach(
            (service, route) -> {
              var target = URI.create(route.url());
              var relay = new ServiceRelay(service, target, client, config.timeout().toMillis());
              var prefix = "/api/" + service;
              router.route(prefix).handler(bodies).handler(relay::relay);
              router.route(prefix + "/*").handler(bodies).handler(relay::relay);
              LOG.infof("route %s/* -> %s", prefix, target);
            });
  }
}

package org.mdmaat.gateway.routing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

  /** The services behind the gateway, by the path segment after {@code /api/}. */
  Map<String, Route> routes();

  /** How long a service may take to answer before the caller gets a 503. */
  @WithDefault("10s")
  Duration timeout();

  /** The largest request body relayed; larger ones get 413. */
  @WithDefault("2M")
  io.quarkus.runtime.configuration.MemorySize maxBodySize();

  interface Route {
    /** Base URL of the service, e.g. {@code http://localhost:8081}. */
    String url();
  }
}

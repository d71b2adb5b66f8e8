package org.mdmaat.gateway.routing;

import io.smallrye.faulttolerance.api.Guard;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/** The configured services, each with its own circuit breaker, sharing one HTTP client. */
@ApplicationScoped
public class Upstreams {
  private static final Logger LOG = Logger.getLogger(Upstreams.class);

  private final Map<String, Upstream> byName;

  Upstreams(Vertx vertx, GatewayConfig config) {
    var client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setConnectTimeout((int) Math.min(config.timeout().toMillis(), 5_000))
                .setKeepAlive(true));
    var breaker = config.circuitBreaker();
    var upstreams = new LinkedHashMap<String, Upstream>();
    new ArrayList<>(config.routes().keySet())
        .stream()
            .sorted()
            .forEach(
                name -> {
                  var guard =
                      Guard.create()
                          .withDescription("upstream " + name)
                          .withCircuitBreaker()
                          .name("gateway-upstream-" + name)
                          .requestVolumeThreshold(breaker.requestVolumeThreshold())
                          .failureRatio(breaker.failureRatio())
                          .delay(breaker.delay().toMillis(), ChronoUnit.MILLIS)
                          .onStateChange(
                              state -> LOG.warnf("circuit breaker of %s is now %s", name, state))
                          .done()
                          .withThreadOffload(false)
                          .build();
                  upstreams.put(
                      name,
                      new Upstream(
                          name, URI.create(config.routes().get(name).url()), client, guard));
                });
    this.byName = Collections.unmodifiableMap(upstreams);
  }

  /** Every service, in name order. */
  public Collection<Upstream> all() {
    return byName.values();
  }

  public Optional<Upstream> named(String name) {
    return Optional.ofNullable(byName.get(name));
  }
}

package org.mdmaat.gateway.routing;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
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
  MemorySize maxBodySize();

  /** Per-client token buckets. */
  RateLimit rateLimit();

  /** One circuit breaker per service, so a dead service answers 503 at once. */
  Breaker circuitBreaker();

  /** The regulator's cross-service audit API. */
  Audit audit();

  /**
   * The browser origins CORS allows; {@code quarkus.http.cors.origins} is set from it. Required
   * here because Quarkus reads an origins list it cannot expand as no list at all: without this
   * member a deployment that forgot {@code QUARKUS_HTTP_CORS_ORIGINS} would start without saying
   * so.
   */
  List<String> corsOrigins();

  interface Route {
    /** Base URL of the service, e.g. {@code http://localhost:8081}. */
    String url();
  }

  interface RateLimit {
    /** Off only for load tests. */
    @WithDefault("true")
    boolean enabled();

    /** Requests per period for anonymous callers (public routes), per client address. */
    @WithDefault("30")
    long anonymousCapacity();

    @WithDefault("1m")
    Duration anonymousPeriod();

    /** Requests per period for a signed-in caller, per token subject. */
    @WithDefault("600")
    long authenticatedCapacity();

    @WithDefault("1m")
    Duration authenticatedPeriod();

    /** How many clients' buckets are kept; the least recently seen are forgotten first. */
    @WithDefault("100000")
    long maxClients();
  }

  interface Breaker {
    /** Calls in the rolling window the breaker judges. */
    @WithDefault("10")
    int requestVolumeThreshold();

    /** Share of failed calls (no answer in time) in the window that opens the breaker. */
    @WithDefault("0.5")
    double failureRatio();

    /** How long an open breaker refuses calls before letting a trial call through. */
    @WithDefault("10s")
    Duration delay();
  }

  interface Audit {
    /** Walking a whole chain takes longer than an ordinary call. */
    @WithDefault("5m")
    Duration verifyTimeout();

    /** How long the aggregated API document waits for each service's document. */
    @WithDefault("5s")
    Duration openapiTimeout();
  }
}

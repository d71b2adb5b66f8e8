package org.mdmaat.platform.calls;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithDefaults;
import java.time.Duration;
import java.util.Map;

/**
 * How this service calls the others, per gRPC client name (the {@code NAME} of {@code
 * quarkus.grpc.clients.NAME.host}): {@code platform.calls.clients.NAME.deadline=2s}. A client not
 * named here gets the defaults.
 */
@ConfigMapping(prefix = "platform.calls")
public interface CallsConfig {
  @WithDefaults
  Map<String, Client> clients();

  interface Client {
    /** The gRPC deadline of one call, token fetch excluded. */
    @WithDefault("2s")
    Duration deadline();

    /** The whole call, this service's token included; past it the call fails. */
    @WithDefault("3s")
    Duration timeout();

    /** Calls in the circuit breaker's rolling window. */
    @WithDefault("4")
    int requestVolume();

    /** The share of failed calls in the window that opens the breaker. */
    @WithDefault("0.5")
    double failureRatio();

    /** How long an open breaker refuses calls before it tries one again. */
    @WithDefault("5s")
    Duration openFor();
  }
}

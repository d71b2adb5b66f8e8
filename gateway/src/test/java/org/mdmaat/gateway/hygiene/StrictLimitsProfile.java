package org.mdmaat.gateway.hygiene;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** Low rate limits and a quick circuit breaker, to see them act within a few requests. */
public class StrictLimitsProfile implements QuarkusTestProfile {
  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "gateway.rate-limit.anonymous-capacity", "3",
        "gateway.rate-limit.anonymous-period", "1h",
        "gateway.rate-limit.authenticated-capacity", "5",
        "gateway.rate-limit.authenticated-period", "1h",
        "gateway.circuit-breaker.request-volume-threshold", "4",
        "gateway.circuit-breaker.failure-ratio", "0.5",
        "gateway.circuit-breaker.delay", "1h");
  }
}

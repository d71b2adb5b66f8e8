package org.mdmaat.gateway.hygiene;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;
import org.mdmaat.gateway.routing.GatewayConfig;

/**
 * Token buckets per client (Bucket4j): anonymous callers by address, signed-in callers by token
 * subject. Buckets live in this instance's memory, so with n gateway replicas a client gets up to n
 * times the limit; idle clients' buckets are forgotten.
 */
@ApplicationScoped
public class RateLimiter {
  private final GatewayConfig.RateLimit config;
  private final Cache<String, Bucket> buckets;

  RateLimiter(GatewayConfig gateway) {
    this.config = gateway.rateLimit();
    var longest =
        config.anonymousPeriod().compareTo(config.authenticatedPeriod()) > 0
            ? config.anonymousPeriod()
            : config.authenticatedPeriod();
    // A bucket idle for a whole period is full again: forgetting it changes nothing.
    this.buckets =
        Caffeine.newBuilder().maximumSize(config.maxClients()).expireAfterAccess(longest).build();
  }

  /** Takes a token for an anonymous caller; the wait until the next one when there is none. */
  public Optional<Duration> anonymous(String clientAddress) {
    return take("ip:" + clientAddress, config.anonymousCapacity(), config.anonymousPeriod());
  }

  /** Takes a token for a signed-in caller; the wait until the next one when there is none. */
  public Optional<Duration> authenticated(String subject) {
    return take("sub:" + subject, config.authenticatedCapacity(), config.authenticatedPeriod());
  }

  private Optional<Duration> take(String key, long capacity, Duration period) {
    if (!config.enabled()) {
      return Optional.empty();
    }
    var bucket =
        buckets.get(
            key,
            k ->
                Bucket.builder()
                    .addLimit(
                        Bandwidth.builder()
                            .capacity(capacity)
                            .refillGreedy(capacity, period)
                            .build())
                    .build());
    var probe = bucket.tryConsumeAndReturnRemaining(1);
    return probe.isConsumed()
        ? Optional.empty()
        : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
  }
}

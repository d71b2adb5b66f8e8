package org.mdmaat.platform.idempotency;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long an {@code Idempotency-Key} is kept ({@code platform.idempotency.*}). */
@ConfigMapping(prefix = "platform.idempotency")
public interface IdempotencyConfig {
  /**
   * How long a key answers its stored response (and refuses another request) after its first use. A
   * client retries within minutes; a day covers a client that was offline overnight.
   */
  @WithDefault("24h")
  Duration ttl();
}

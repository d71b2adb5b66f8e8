package org.mdmaat.platform.inbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How {@link Inbox#applyOnce} retries an event whose effect failed for a reason that may pass (a
 * database failover, a peer restarting) before the consumer's dead-letter strategy parks it ({@code
 * platform.inbox.retry.*}). The defaults ride out a failover of several seconds and stay well under
 * the Kafka connector's 60 s limit for an unprocessed record (throttled commits), past which the
 * channel reports unhealthy.
 */
@ConfigMapping(prefix = "platform.inbox.retry")
public interface InboxConfig {
  /** Attempts in all, the first included; 1 disables retrying. */
  @WithDefault("7")
  int attempts();

  /** Wait before the second attempt; doubled before each further one, up to {@link #maxBackoff}. */
  @WithDefault("200ms")
  Duration initialBackoff();

  @WithDefault("5s")
  Duration maxBackoff();
}

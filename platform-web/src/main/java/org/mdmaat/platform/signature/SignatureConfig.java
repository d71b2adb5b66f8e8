package org.mdmaat.platform.signature;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code platform.signatures.*}: how recent a signer's authentication must be. */
@ConfigMapping(prefix = "platform.signatures")
public interface SignatureConfig {
  /** The most a signer's last login ({@code auth_time}) may lie in the past; 1 s to 15 min. */
  @WithDefault("PT5M")
  Duration maxAge();
}

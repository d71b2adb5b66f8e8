package org.mdmaat.session.dosing;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;

/**
 * Pre-dose vital-sign limits: a dose may start only with every value strictly below its limit.
 * Defaults are the assumed warning thresholds of DOMAIN.md (no public protocol limits).
 */
@ConfigMapping(prefix = "session.pre-dose")
public interface PreDoseLimits {
  /** Systolic blood pressure must be below this (mmHg). */
  @WithDefault("160")
  int systolicBelow();

  /** Diastolic blood pressure must be below this (mmHg). */
  @WithDefault("110")
  int diastolicBelow();

  /** Heart rate must be below this (beats per minute). */
  @WithDefault("120")
  int heartRateBelow();

  /** Body temperature must be below this (°C). */
  @WithDefault("38.0")
  BigDecimal temperatureBelow();
}

package org.mdmaat.safety;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** safety-service settings. Vital-sign limits are defaults: each trial may set its own. */
@ConfigMapping(prefix = "safety")
public interface SafetyConfig {
  Alerts alerts();

  Vitals vitals();

  interface Alerts {
    /** How long a critical or urgent alert may stay unacknowledged before it escalates. */
    @WithDefault("15m")
    Duration escalationAfter();

    /** How often unacknowledged alerts are checked (the scheduler reads it as its interval). */
    @WithDefault("30s")
    Duration escalationCheck();
  }

  /** Default action limits (DOMAIN.md; all assumed, none published). */
  interface Vitals {
    @WithDefault("160")
    int systolicWarn();

    @WithDefault("180")
    int systolicCritical();

    @WithDefault("110")
    int diastolicWarn();

    @WithDefault("120")
    int diastolicCritical();

    @WithDefault("120")
    int heartRateWarn();

    /** Assumed: DOMAIN.md names no critical heart rate. */
    @WithDefault("150")
    int heartRateCritical();

    @WithDefault("38.0")
    double temperatureWarn();

    @WithDefault("39.0")
    double temperatureCritical();

    /** Assumed: SpO2 at or below this warns. */
    @WithDefault("92")
    int spo2Warn();

    /** Assumed: SpO2 at or below this is critical. */
    @WithDefault("88")
    int spo2Critical();
  }
}

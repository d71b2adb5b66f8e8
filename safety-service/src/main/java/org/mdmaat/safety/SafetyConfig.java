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

  /**
   * Default action limits for a trial whose sponsor has set none (DOMAIN.md; all assumed, none
   * published), so that no reading goes unjudged. Lower limits: assumed, not in DOMAIN.md.
   */
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

    /** Assumed: systolic at or below this warns (hypotension). */
    @WithDefault("90")
    int systolicLowWarn();

    /** Assumed. */
    @WithDefault("80")
    int systolicLowCritical();

    /** Assumed. */
    @WithDefault("50")
    int diastolicLowWarn();

    /** Assumed. */
    @WithDefault("40")
    int diastolicLowCritical();

    /** Assumed: heart rate at or below this warns (bradycardia). */
    @WithDefault("50")
    int heartRateLowWarn();

    /** Assumed. */
    @WithDefault("40")
    int heartRateLowCritical();

    /** Assumed: temperature at or below this warns (hypothermia below 35 °C). */
    @WithDefault("35.5")
    double temperatureLowWarn();

    /** Assumed. */
    @WithDefault("35.0")
    double temperatureLowCritical();

    /** Assumed: SpO2 at or below this warns. */
    @WithDefault("92")
    int spo2Warn();

    /** Assumed: SpO2 at or below this is critical. */
    @WithDefault("88")
    int spo2Critical();
  }
}

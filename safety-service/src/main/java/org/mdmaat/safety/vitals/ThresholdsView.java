package org.mdmaat.safety.vitals;

import java.time.Instant;
import java.util.Optional;
import org.mdmaat.safety.SafetyConfig;
import org.mdmaat.safety.alert.AlertLevel;

/**
 * The limits in force for a trial. Values at or above a warn/critical limit alert; for SpO2 at or
 * below. {@code trialDefault} says the trial has not set its own.
 */
public record ThresholdsView(
    String trialId,
    int systolicWarn,
    int systolicCritical,
    int diastolicWarn,
    int diastolicCritical,
    int heartRateWarn,
    int heartRateCritical,
    double temperatureWarn,
    double temperatureCritical,
    int spo2Warn,
    int spo2Critical,
    boolean trialDefault,
    String updatedBy,
    Instant updatedAt) {

  static ThresholdsView of(VitalThresholds t) {
    return new ThresholdsView(
        t.trialId,
        t.systolicWarn,
        t.systolicCritical,
        t.diastolicWarn,
        t.diastolicCritical,
        t.heartRateWarn,
        t.heartRateCritical,
        t.temperatureWarn,
        t.temperatureCritical,
        t.spo2Warn,
        t.spo2Critical,
        false,
        t.updatedBy,
        t.updatedAt);
  }

  static ThresholdsView defaults(String trialId, SafetyConfig.Vitals d) {
    return new ThresholdsView(
        trialId,
        d.systolicWarn(),
        d.systolicCritical(),
        d.diastolicWarn(),
        d.diastolicCritical(),
        d.heartRateWarn(),
        d.heartRateCritical(),
        d.temperatureWarn(),
        d.temperatureCritical(),
        d.spo2Warn(),
        d.spo2Critical(),
        true,
        null,
        null);
  }

  /** The alert level a value of {@code kind} reaches, if any. */
  Optional<AlertLevel> level(VitalKind kind, double value) {
    return switch (kind) {
      case SYSTOLIC -> above(value, systolicWarn, systolicCritical);
      case DIASTOLIC -> above(value, diastolicWarn, diastolicCritical);
      case HEART_RATE -> above(value, heartRateWarn, heartRateCritical);
      case TEMPERATURE -> above(value, temperatureWarn, temperatureCritical);
      case SPO2 ->
          value <= spo2Critical
              ? Optional.of(AlertLevel.CRITICAL)
              : value <= spo2Warn ? Optional.of(AlertLevel.WARN) : Optional.empty();
    };
  }

  private static Optional<AlertLevel> above(double value, double warn, double critical) {
    if (value >= critical) {
      return Optional.of(AlertLevel.CRITICAL);
    }
    return value >= warn ? Optional.of(AlertLevel.WARN) : Optional.empty();
  }
}

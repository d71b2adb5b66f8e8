package org.mdmaat.safety.vitals;

import org.mdmaat.safety.alert.AlertLevel;

/**
 * Every vital-sign action limit, by its JSON name, with the hard clinical bounds a setting must lie
 * within. An upper limit alerts at or above it, a lower one at or below it. The bounds are not
 * settings: they keep a typo or a careless edit (systolic critical 300, temperature 43 °C) from
 * switching an alert off, and keep each lower limit below the upper ones of its vital.
 */
public enum Limit {
  SYSTOLIC_WARN("systolicWarn", VitalKind.SYSTOLIC, true, AlertLevel.WARN, 130, 200),
  SYSTOLIC_CRITICAL("systolicCritical", VitalKind.SYSTOLIC, true, AlertLevel.CRITICAL, 130, 200),
  SYSTOLIC_LOW_WARN("systolicLowWarn", VitalKind.SYSTOLIC, false, AlertLevel.WARN, 70, 110),
  SYSTOLIC_LOW_CRITICAL(
      "systolicLowCritical", VitalKind.SYSTOLIC, false, AlertLevel.CRITICAL, 70, 110),
  DIASTOLIC_WARN("diastolicWarn", VitalKind.DIASTOLIC, true, AlertLevel.WARN, 80, 130),
  DIASTOLIC_CRITICAL("diastolicCritical", VitalKind.DIASTOLIC, true, AlertLevel.CRITICAL, 80, 130),
  DIASTOLIC_LOW_WARN("diastolicLowWarn", VitalKind.DIASTOLIC, false, AlertLevel.WARN, 40, 70),
  DIASTOLIC_LOW_CRITICAL(
      "diastolicLowCritical", VitalKind.DIASTOLIC, false, AlertLevel.CRITICAL, 40, 70),
  HEART_RATE_WARN("heartRateWarn", VitalKind.HEART_RATE, true, AlertLevel.WARN, 90, 180),
  HEART_RATE_CRITICAL(
      "heartRateCritical", VitalKind.HEART_RATE, true, AlertLevel.CRITICAL, 90, 180),
  HEART_RATE_LOW_WARN("heartRateLowWarn", VitalKind.HEART_RATE, false, AlertLevel.WARN, 30, 60),
  HEART_RATE_LOW_CRITICAL(
      "heartRateLowCritical", VitalKind.HEART_RATE, false, AlertLevel.CRITICAL, 30, 60),
  TEMPERATURE_WARN("temperatureWarn", VitalKind.TEMPERATURE, true, AlertLevel.WARN, 37.5, 40.5),
  TEMPERATURE_CRITICAL(
      "temperatureCritical", VitalKind.TEMPERATURE, true, AlertLevel.CRITICAL, 37.5, 40.5),
  TEMPERATURE_LOW_WARN(
      "temperatureLowWarn", VitalKind.TEMPERATURE, false, AlertLevel.WARN, 34.0, 36.5),
  TEMPERATURE_LOW_CRITICAL(
      "temperatureLowCritical", VitalKind.TEMPERATURE, false, AlertLevel.CRITICAL, 34.0, 36.5),
  SPO2_WARN("spo2Warn", VitalKind.SPO2, false, AlertLevel.WARN, 80, 96),
  SPO2_CRITICAL("spo2Critical", VitalKind.SPO2, false, AlertLevel.CRITICAL, 80, 96);

  private final String field;
  private final VitalKind vital;
  private final boolean upper;
  private final AlertLevel level;
  private final double lowest;
  private final double highest;

  Limit(String field, VitalKind vital, boolean upper, AlertLevel level, double lo, double hi) {
    this.field = field;
    this.vital = vital;
    this.upper = upper;
    this.level = level;
    this.lowest = lo;
    this.highest = hi;
  }

  /** The name in requests, answers and violations. */
  public String field() {
    return field;
  }

  public VitalKind vital() {
    return vital;
  }

  /** An upper limit alerts at or above it; a lower one at or below it. */
  public boolean upper() {
    return upper;
  }

  public AlertLevel level() {
    return level;
  }

  /** The hard clinical bounds, inclusive. */
  public double lowest() {
    return lowest;
  }

  public double highest() {
    return highest;
  }

  /** Whether {@code value} is a plausible setting of this limit. */
  boolean plausible(double value) {
    return value >= lowest && value <= highest;
  }

  /** Whether {@code candidate} would alert later than {@code reference} (is looser). */
  boolean looser(double candidate, double reference) {
    return upper ? candidate > reference : candidate < reference;
  }

  /** The stricter of two settings: the one that alerts first. */
  double stricter(double a, double b) {
    return upper ? Math.min(a, b) : Math.max(a, b);
  }

  /** The warn limit of the same vital and direction as this critical one, or null. */
  Limit warnOf() {
    if (level != AlertLevel.CRITICAL) {
      return null;
    }
    for (var l : values()) {
      if (l.vital == vital && l.upper == upper && l.level == AlertLevel.WARN) {
        return l;
      }
    }
    return null;
  }
}

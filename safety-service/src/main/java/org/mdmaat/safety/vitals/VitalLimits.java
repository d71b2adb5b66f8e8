package org.mdmaat.safety.vitals;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.mdmaat.platform.problem.Violation;

/**
 * A set of vital-sign action limits (see {@link Limit}); a null one is not set (absent is absent,
 * never 0). The trial's own set has every limit; a site's override only those it makes stricter.
 */
public record VitalLimits(
    Integer systolicWarn,
    Integer systolicCritical,
    Integer systolicLowWarn,
    Integer systolicLowCritical,
    Integer diastolicWarn,
    Integer diastolicCritical,
    Integer diastolicLowWarn,
    Integer diastolicLowCritical,
    Integer heartRateWarn,
    Integer heartRateCritical,
    Integer heartRateLowWarn,
    Integer heartRateLowCritical,
    Double temperatureWarn,
    Double temperatureCritical,
    Double temperatureLowWarn,
    Double temperatureLowCritical,
    Integer spo2Warn,
    Integer spo2Critical) {

  /** The setting of {@code limit}, or null. */
  public Double get(Limit limit) {
    Number n =
        switch (limit) {
          case SYSTOLIC_WARN -> systolicWarn;
          case SYSTOLIC_CRITICAL -> systolicCritical;
          case SYSTOLIC_LOW_WARN -> systolicLowWarn;
          case SYSTOLIC_LOW_CRITICAL -> systolicLowCritical;
          case DIASTOLIC_WARN -> diastolicWarn;
          case DIASTOLIC_CRITICAL -> diastolicCritical;
          case DIASTOLIC_LOW_WARN -> diastolicLowWarn;
          case DIASTOLIC_LOW_CRITICAL -> diastolicLowCritical;
          case HEART_RATE_WARN -> heartRateWarn;
          case HEART_RATE_CRITICAL -> heartRateCritical;
          case HEART_RATE_LOW_WARN -> heartRateLowWarn;
          case HEART_RATE_LOW_CRITICAL -> heartRateLowCritical;
          case TEMPERATURE_WARN -> temperatureWarn;
          case TEMPERATURE_CRITICAL -> temperatureCritical;
          case TEMPERATURE_LOW_WARN -> temperatureLowWarn;
          case TEMPERATURE_LOW_CRITICAL -> temperatureLowCritical;
          case SPO2_WARN -> spo2Warn;
          case SPO2_CRITICAL -> spo2Critical;
        };
    return n == null ? null : n.doubleValue();
  }

  /** The settings as a map (only those set). */
  public Map<Limit, Double> asMap() {
    var map = new EnumMap<Limit, Double>(Limit.class);
    for (var l : Limit.values()) {
      var v = get(l);
      if (v != null) {
        map.put(l, v);
      }
    }
    return map;
  }

  /** A set from a map; limits missing from it are not set. */
  public static VitalLimits of(Map<Limit, Double> m) {
    return new VitalLimits(
        whole(m.get(Limit.SYSTOLIC_WARN)),
        whole(m.get(Limit.SYSTOLIC_CRITICAL)),
        whole(m.get(Limit.SYSTOLIC_LOW_WARN)),
        whole(m.get(Limit.SYSTOLIC_LOW_CRITICAL)),
        whole(m.get(Limit.DIASTOLIC_WARN)),
        whole(m.get(Limit.DIASTOLIC_CRITICAL)),
        whole(m.get(Limit.DIASTOLIC_LOW_WARN)),
        whole(m.get(Limit.DIASTOLIC_LOW_CRITICAL)),
        whole(m.get(Limit.HEART_RATE_WARN)),
        whole(m.get(Limit.HEART_RATE_CRITICAL)),
        whole(m.get(Limit.HEART_RATE_LOW_WARN)),
        whole(m.get(Limit.HEART_RATE_LOW_CRITICAL)),
        m.get(Limit.TEMPERATURE_WARN),
        m.get(Limit.TEMPERATURE_CRITICAL),
        m.get(Limit.TEMPERATURE_LOW_WARN),
        m.get(Limit.TEMPERATURE_LOW_CRITICAL),
        whole(m.get(Limit.SPO2_WARN)),
        whole(m.get(Limit.SPO2_CRITICAL)));
  }

  private static Integer whole(Double d) {
    return d == null ? null : (int) Math.round(d);
  }

  /** The limits not set, by name. */
  List<Violation> missing() {
    var missing = new ArrayList<Violation>();
    for (var l : Limit.values()) {
      if (get(l) == null) {
        missing.add(new Violation("limits." + l.field(), "is required"));
      }
    }
    return missing;
  }

  /** The set limits outside their hard clinical bounds, by name. */
  List<Violation> implausible() {
    var wrong = new ArrayList<Violation>();
    asMap()
        .forEach(
            (l, v) -> {
              if (!l.plausible(v)) {
                wrong.add(
                    new Violation(
                        "limits." + l.field(),
                        "%s is not a plausible limit: it must lie within %s to %s"
                            .formatted(format(v), format(l.lowest()), format(l.highest()))));
              }
            });
    return wrong;
  }

  /** Each critical limit at or beyond its warn limit (both set). */
  List<Violation> disordered() {
    var wrong = new ArrayList<Violation>();
    for (var critical : Limit.values()) {
      var warn = critical.warnOf();
      if (warn == null || get(critical) == null || get(warn) == null) {
        continue;
      }
      // Disordered when the warn limit would alert later than the critical one.
      if (critical.looser(get(warn), get(critical))) {
        wrong.add(
            new Violation(
                "limits." + critical.field(),
                "%s lies inside its warn limit %s (%s): a critical limit must be at or beyond it"
                    .formatted(format(get(critical)), warn.field(), format(get(warn)))));
      }
    }
    return wrong;
  }

  /**
   * These limits where {@code override} sets a stricter one; a looser or equal setting changes
   * nothing (the trial's limit holds even after the sponsor tightens it below a site's).
   */
  VitalLimits strictest(VitalLimits override) {
    if (override == null) {
      return this;
    }
    var merged = asMap();
    override
        .asMap()
        .forEach((l, v) -> merged.merge(l, v, (mine, theirs) -> l.stricter(mine, theirs)));
    return of(merged);
  }

  static String format(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }
}

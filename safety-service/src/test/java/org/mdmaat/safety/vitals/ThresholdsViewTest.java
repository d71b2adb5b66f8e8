package org.mdmaat.safety.vitals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mdmaat.safety.alert.AlertLevel;

/**
 * The limits themselves, at their edges: "at or above" an upper limit, "at or below" a lower one
 * alerts; settings are checked against the hard clinical bounds, their order, and a site's against
 * the trial's.
 */
class ThresholdsViewTest {
  /** DOMAIN.md's assumed limits, with the assumed lower ones. */
  static final VitalLimits DEFAULTS =
      new VitalLimits(
          160, 180, 90, 80, 110, 120, 50, 40, 120, 150, 50, 40, 38.0, 39.0, 35.5, 35.0, 92, 88);

  static ThresholdsView defaults(String trial) {
    return new ThresholdsView(
        trial, null, DEFAULTS, true, List.of(), List.of(), 0, null, null, null, null);
  }

  private final ThresholdsView defaults = defaults("T");

  @Test
  void valuesAtAnUpperLimitReachItAndJustBelowDoNot() {
    assertThat(defaults.level(VitalKind.SYSTOLIC, 159)).isEmpty();
    assertThat(defaults.level(VitalKind.SYSTOLIC, 160)).contains(AlertLevel.WARN);
    assertThat(defaults.level(VitalKind.SYSTOLIC, 180)).contains(AlertLevel.CRITICAL);
    assertThat(defaults.level(VitalKind.DIASTOLIC, 110)).contains(AlertLevel.WARN);
    assertThat(defaults.level(VitalKind.DIASTOLIC, 120)).contains(AlertLevel.CRITICAL);
    assertThat(defaults.level(VitalKind.HEART_RATE, 119)).isEmpty();
    assertThat(defaults.level(VitalKind.HEART_RATE, 120)).contains(AlertLevel.WARN);
    assertThat(defaults.level(VitalKind.TEMPERATURE, 37.9)).isEmpty();
    assertThat(defaults.level(VitalKind.TEMPERATURE, 38.0)).contains(AlertLevel.WARN);
    assertThat(defaults.level(VitalKind.TEMPERATURE, 39.0)).contains(AlertLevel.CRITICAL);
  }

  @Test
  void valuesAtALowerLimitReachItAndJustAboveDoNot() {
    assertThat(defaults.level(VitalKind.SYSTOLIC, 91)).isEmpty();
    assertThat(defaults.level(VitalKind.SYSTOLIC, 90)).contains(AlertLevel.WARN);
    assertThat(defaults.level(VitalKind.SYSTOLIC, 80)).contains(AlertLevel.CRITICAL);
    assertThat(defaults.low(VitalKind.SYSTOLIC, 80)).isTrue();
    assertThat(defaults.level(VitalKind.DIASTOLIC, 50)).contains(AlertLevel.WARN);
    assertThat(defaults.level(VitalKind.DIASTOLIC, 40)).contains(AlertLevel.CRITICAL);
    assertThat(defaults.level(VitalKind.HEART_RATE, 51)).isEmpty();
    assertThat(defaults.level(VitalKind.HEART_RATE, 50)).contains(AlertLevel.WARN);
    assertThat(defaults.level(VitalKind.HEART_RATE, 40)).contains(AlertLevel.CRITICAL);
    assertThat(defaults.level(VitalKind.TEMPERATURE, 35.5)).contains(AlertLevel.WARN);
    assertThat(defaults.level(VitalKind.TEMPERATURE, 34.9)).contains(AlertLevel.CRITICAL);
    assertThat(defaults.low(VitalKind.TEMPERATURE, 39.5)).isFalse();
  }

  @Test
  void oxygenSaturationAlertsWhenItFalls() {
    assertThat(defaults.level(VitalKind.SPO2, 97)).isEqualTo(Optional.empty());
    assertThat(defaults.level(VitalKind.SPO2, 92)).contains(AlertLevel.WARN);
    assertThat(defaults.level(VitalKind.SPO2, 88)).contains(AlertLevel.CRITICAL);
  }

  @Test
  void implausibleMissingAndDisorderedSettingsAreNamed() {
    assertThat(DEFAULTS.implausible()).isEmpty();
    assertThat(DEFAULTS.missing()).isEmpty();
    assertThat(DEFAULTS.disordered()).isEmpty();
    var map = DEFAULTS.asMap();
    map.put(Limit.SYSTOLIC_CRITICAL, 300.0);
    map.put(Limit.TEMPERATURE_CRITICAL, 43.0);
    map.put(Limit.HEART_RATE_LOW_CRITICAL, 0.0); // 0 is a value: implausible, not "unset"
    map.remove(Limit.SPO2_WARN);
    var wrong = VitalLimits.of(map);
    assertThat(wrong.implausible())
        .extracting(v -> v.field())
        .containsExactlyInAnyOrder(
            "limits.systolicCritical", "limits.temperatureCritical", "limits.heartRateLowCritical");
    assertThat(wrong.missing()).extracting(v -> v.field()).containsExactly("limits.spo2Warn");

    var inverted = DEFAULTS.asMap();
    inverted.put(Limit.SYSTOLIC_LOW_CRITICAL, 95.0); // above its warn 90
    assertThat(VitalLimits.of(inverted).disordered())
        .extracting(v -> v.field())
        .containsExactly("limits.systolicLowCritical");
  }

  @Test
  void aSiteOverrideOnlyEverMakesALimitStricter() {
    var override =
        VitalLimits.of(
            java.util.Map.of(
                Limit.SYSTOLIC_CRITICAL, 170.0, // stricter: taken
                Limit.HEART_RATE_LOW_WARN, 45.0, // looser: the trial's 50 holds
                Limit.SPO2_CRITICAL, 90.0)); // stricter for a lower limit: taken
    var merged = DEFAULTS.strictest(override);
    assertThat(merged.systolicCritical()).isEqualTo(170);
    assertThat(merged.heartRateLowWarn()).isEqualTo(50);
    assertThat(merged.spo2Critical()).isEqualTo(90);
    assertThat(merged.systolicWarn()).isEqualTo(160);
    assertThat(Limit.SYSTOLIC_WARN.looser(165, 160)).isTrue();
    assertThat(Limit.SYSTOLIC_LOW_WARN.looser(85, 90)).isTrue();
    assertThat(Limit.SYSTOLIC_LOW_WARN.looser(95, 90)).isFalse();
  }
}

package org.mdmaat.safety.vitals;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mdmaat.safety.alert.AlertLevel;

/** The limits themselves, at their edges: "at or above" (at or below for SpO2) alerts. */
class ThresholdsViewTest {
  private final ThresholdsView defaults =
      new ThresholdsView("T", 160, 180, 110, 120, 120, 150, 38.0, 39.0, 92, 88, true, null, null);

  @Test
  void valuesAtALimitReachItAndJustBelowDoNot() {
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
  void oxygenSaturationAlertsWhenItFalls() {
    assertThat(defaults.level(VitalKind.SPO2, 97)).isEqualTo(Optional.empty());
    assertThat(defaults.level(VitalKind.SPO2, 92)).contains(AlertLevel.WARN);
    assertThat(defaults.level(VitalKind.SPO2, 88)).contains(AlertLevel.CRITICAL);
  }
}

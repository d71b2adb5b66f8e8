package org.mdmaat.session.dosing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mdmaat.platform.problem.Violation;
import org.mdmaat.session.participant.DoseRegimen;

class DoseRulesTest {
  private static final DoseRegimen MAPP =
      new DoseRegimen(
          DoseRegimen.Kind.FIXED_SPLIT,
          List.of(80.0, 120.0),
          80.0,
          0.5,
          null,
          null,
          null,
          90,
          120,
          180);
  private static final Duration LATE = Duration.ofMinutes(15);
  private static final Instant T0 = Instant.parse("2026-03-01T15:00:00Z");
  private static final DoseRegimen WEIGHT =
      new DoseRegimen(
          DoseRegimen.Kind.WEIGHT_BASED, List.of(), null, 0.5, 0.75, 1.5, 120.0, 90, 120, 180);

  private static List<Violation> check(
      DoseRegimen regimen,
      int experimentalNumber,
      double weightKg,
      boolean supplemental,
      BigDecimal mgHcl,
      Dose initial,
      Instant administeredAt) {
    return DoseRules.check(
        regimen, experimentalNumber, weightKg, supplemental, mgHcl, initial, administeredAt, LATE);
  }

  private static Dose initial(String mg) {
    var d = new Dose();
    d.mgHcl = new BigDecimal(mg);
    d.administeredAt = T0;
    d.recordedAt = T0.plusSeconds(60);
    return d;
  }

  @Test
  void aTrialWithoutSupplementalDoseRefusesEveryOne() {
    var none =
        new DoseRegimen(
            DoseRegimen.Kind.FIXED_SPLIT,
            List.of(80.0, 120.0),
            80.0,
            0.0,
            null,
            null,
            null,
            null,
            null,
            180);
    assertThat(check(none, 1, 0, false, new BigDecimal("80"), null, T0)).isEmpty();
    assertThat(
            check(none, 1, 0, true, new BigDecimal("40"), initial("80"), T0.plusSeconds(100 * 60)))
        .extracting(Violation::field)
        .containsExactly("supplemental");
  }

  @Test
  void aBackDatedInitialDoseDoesNotOpenTheSupplementalWindowEarlier() {
    // Given at T0 as claimed, but entered 100 minutes later: the window opens 90 minutes after
    // T0+100-15 minutes, not after T0.
    var late = initial("80");
    late.recordedAt = T0.plusSeconds(100 * 60);
    assertThat(
            fields(check(MAPP, 1, 0, true, new BigDecimal("40"), late, T0.plusSeconds(101 * 60))))
        .containsExactly("administeredAt");
    // Entered within the late delay: the claimed time stands.
    var onTime = initial("80");
    onTime.recordedAt = T0.plusSeconds(10 * 60);
    assertThat(check(MAPP, 1, 0, true, new BigDecimal("40"), onTime, T0.plusSeconds(95 * 60)))
        .isEmpty();
    // The latest bound still counts from the claimed time: never beyond 120 minutes after it.
    assertThat(
            fields(check(MAPP, 1, 0, true, new BigDecimal("40"), late, T0.plusSeconds(176 * 60))))
        .containsExactly("administeredAt");
  }

  private static List<String> fields(List<Violation> violations) {
    return violations.stream().map(Violation::field).toList();
  }

  @Test
  void fixedSplitStartsAt80AtTheFirstSessionAndAllows80Or120Later() {
    assertThat(check(MAPP, 1, 0, false, new BigDecimal("80"), null, T0)).isEmpty();
    assertThat(fields(check(MAPP, 1, 0, false, new BigDecimal("120"), null, T0)))
        .containsExactly("mgHcl");
    assertThat(check(MAPP, 2, 0, false, new BigDecimal("120"), null, T0)).isEmpty();
    assertThat(check(MAPP, 3, 0, false, new BigDecimal("80"), null, T0)).isEmpty();
    assertThat(fields(check(MAPP, 2, 0, false, new BigDecimal("100"), null, T0)))
        .containsExactly("mgHcl");
  }

  @Test
  void theSupplementalDoseIsHalfTheInitialInsideItsWindow() {
    var at100min = T0.plusSeconds(100 * 60);
    assertThat(check(MAPP, 2, 0, true, new BigDecimal("60"), initial("120"), at100min)).isEmpty();
    assertThat(fields(check(MAPP, 2, 0, true, new BigDecimal("80"), initial("120"), at100min)))
        .contains("mgHcl");
    // 89 and 121 minutes: outside; 90 and 120: inside.
    assertThat(
            fields(
                check(
                    MAPP,
                    1,
                    0,
                    true,
                    new BigDecimal("40"),
                    initial("80"),
                    T0.plusSeconds(89 * 60))))
        .containsExactly("administeredAt");
    assertThat(
            check(MAPP, 1, 0, true, new BigDecimal("40"), initial("80"), T0.plusSeconds(90 * 60)))
        .isEmpty();
    assertThat(
            check(MAPP, 1, 0, true, new BigDecimal("40"), initial("80"), T0.plusSeconds(120 * 60)))
        .isEmpty();
    assertThat(
            fields(
                check(
                    MAPP,
                    1,
                    0,
                    true,
                    new BigDecimal("40"),
                    initial("80"),
                    T0.plusSeconds(121 * 60))))
        .containsExactly("administeredAt");
    assertThat(fields(check(MAPP, 1, 0, true, new BigDecimal("40"), null, T0)))
        .containsExactly("supplemental");
  }

  @Test
  void neverMoreThanTheMaximumPerSession() {
    var tight =
        new DoseRegimen(
            DoseRegimen.Kind.FIXED_SPLIT,
            List.of(80.0, 120.0),
            80.0,
            0.5,
            null,
            null,
            null,
            90,
            120,
            150);
    assertThat(
            fields(
                check(
                    tight,
                    2,
                    0,
                    true,
                    new BigDecimal("60"),
                    initial("120"),
                    T0.plusSeconds(95 * 60))))
        .containsExactly("mgHcl");
  }

  @Test
  void weightBasedDosesFollowMgPerKgAndTheCap() {
    // 70 kg: 52.5 to 105 mg HCl.
    assertThat(check(WEIGHT, 1, 70, false, new BigDecimal("70"), null, T0)).isEmpty();
    assertThat(fields(check(WEIGHT, 1, 70, false, new BigDecimal("50"), null, T0)))
        .containsExactly("mgHcl");
    assertThat(fields(check(WEIGHT, 1, 70, false, new BigDecimal("110"), null, T0)))
        .containsExactly("mgHcl");
    // 100 kg: 150 mg would be within mg/kg but above the 120 mg cap.
    assertThat(fields(check(WEIGHT, 1, 100, false, new BigDecimal("150"), null, T0)))
        .containsExactly("mgHcl");
    assertThat(fields(check(WEIGHT, 1, 0, false, new BigDecimal("70"), null, T0)))
        .containsExactly("mgHcl");
  }

  @Test
  void baseWeightIsTheSaltWeightTimesTheFactor() {
    var factor = new BigDecimal("0.8403");
    assertThat(DoseRules.base(new BigDecimal("80.00"), factor)).isEqualByComparingTo("67.22");
    assertThat(DoseRules.base(new BigDecimal("120.00"), factor)).isEqualByComparingTo("100.84");
    assertThat(DoseRules.base(new BigDecimal("40.00"), factor)).isEqualByComparingTo("33.61");
    assertThat(DoseRules.base(new BigDecimal("60.00"), factor)).isEqualByComparingTo("50.42");
  }
}

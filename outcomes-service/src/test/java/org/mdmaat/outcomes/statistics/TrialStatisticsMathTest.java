package org.mdmaat.outcomes.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mdmaat.outcomes.instrument.BetterWhen;

class TrialStatisticsMathTest {

  @Test
  void meanAndSampleStandardDeviation() {
    var summary = Summary.of(new double[] {2, 4, 4, 4, 5, 5, 7, 9});
    assertThat(summary.n()).isEqualTo(8);
    assertThat(summary.mean()).isCloseTo(5.0, within(1e-12));
    assertThat(summary.sd()).isCloseTo(Math.sqrt(32.0 / 7), within(1e-12));
    assertThat(Summary.of(new double[] {3}).sd()).isNull();
    assertThat(Summary.of(new double[] {}).mean()).isNull();
  }

  @Test
  void cohensDOfTheMapp1SummaryIsPointNineOne() {
    // MAPP1 (DOMAIN.md): change -24.4 (SD 11.6, n 46) vs -13.9 (SD 11.5, n 44), d 0.91.
    var effect =
        EffectSize.between(
            new Summary(46, -24.4, 11.6), new Summary(44, -13.9, 11.5), BetterWhen.LOWER);
    assertThat(effect.d()).isCloseTo(0.91, within(0.005));
    // SE = sqrt(90 / (46·44) + d² / 180) = 0.2215 -> 0.909 ± 0.434.
    assertThat(effect.lower95()).isCloseTo(0.475, within(0.005));
    assertThat(effect.upper95()).isCloseTo(1.343, within(0.005));
    // Hedges' g: J = 1 - 3 / (4·90 - 9) = 0.99145 -> g = 0.901, its CI 0.471 .. 1.332.
    assertThat(effect.hedgesG()).isCloseTo(0.901, within(0.005));
    assertThat(effect.hedgesGLower95()).isCloseTo(0.471, within(0.005));
    assertThat(effect.hedgesGUpper95()).isCloseTo(1.332, within(0.005));
  }

  @Test
  void aHigherIsBetterInstrumentFavoursTheArmThatScoresHigher() {
    // WAI-SR: MDMA 4.1 vs placebo 3.6 (SD 0.5 each, n 20 each) favours MDMA: d = +1.0.
    var mdma = new Summary(20, 4.1, 0.5);
    var placebo = new Summary(20, 3.6, 0.5);
    assertThat(EffectSize.between(mdma, placebo, BetterWhen.HIGHER).d())
        .isCloseTo(1.0, within(1e-9));
    // The same numbers on a lower-is-better scale favour placebo.
    assertThat(EffectSize.between(mdma, placebo, BetterWhen.LOWER).d())
        .isCloseTo(-1.0, within(1e-9));
    // Small samples: g is smaller than d in size, J = 1 - 3 / (4·40 - 9) = 0.98013.
    assertThat(EffectSize.between(mdma, placebo, BetterWhen.HIGHER).hedgesG())
        .isCloseTo(0.98013, within(1e-4));
  }

  /**
   * Simulated participants with MAPP1's arm means and SDs. With 20,000 per arm the standard error
   * of d is sqrt(2/20000 + 0.91²/80000) ≈ 0.0104, so a tolerance of 0.04 (about 4 SE) fails only
   * when the computation is wrong, never by chance; the seed makes the run repeatable anyway.
   */
  @Test
  void simulatedMapp1ArmsGiveDNearPointNineOne() {
    var random = new Random(20210510L);
    int perArm = 20_000;
    var mdma = simulate(random, perArm, -24.4, 11.6);
    var placebo = simulate(random, perArm, -13.9, 11.5);

    var mdmaStats = GroupStatistics.of(mdma, 10, 11);
    var placeboStats = GroupStatistics.of(placebo, 10, 11);
    assertThat(mdmaStats.change().n()).isEqualTo(perArm);
    assertThat(mdmaStats.change().mean()).isCloseTo(-24.4, within(0.3));
    assertThat(mdmaStats.change().sd()).isCloseTo(11.6, within(0.3));

    var effect = EffectSize.between(mdmaStats.change(), placeboStats.change(), BetterWhen.LOWER);
    assertThat(effect.d()).isCloseTo(0.91, within(0.04));
    assertThat(effect.lower95()).isLessThan(effect.d());
    assertThat(effect.upper95()).isGreaterThan(effect.d());
    // Response (drop >= 10): P(N(-24.4, 11.6) <= -10) = Phi(1.241) = 0.893 (MAPP1 reported 88%).
    assertThat(mdmaStats.responders().share()).isCloseTo(0.893, within(0.02));
    // Placebo: Phi((13.9 - 10) / 11.5) = Phi(0.339) = 0.633.
    assertThat(placeboStats.responders().share()).isCloseTo(0.633, within(0.02));
  }

  private static List<ParticipantOutcome> simulate(
      Random random, int n, double meanChange, double sdChange) {
    var outcomes = new ArrayList<ParticipantOutcome>();
    for (int i = 0; i < n; i++) {
      int baseline = (int) Math.round(44 + 6 * random.nextGaussian());
      double change = meanChange + sdChange * random.nextGaussian();
      // Totals are whole numbers; keep the change unrounded in distribution by rounding the sum.
      int endpoint = (int) Math.round(baseline + change);
      outcomes.add(new ParticipantOutcome(endpoint, baseline, null, null));
    }
    return outcomes;
  }

  @Test
  void lossOfDiagnosisAndRemissionCountOnlyThoseDiagnosedAtBaseline() {
    var outcomes =
        List.of(
            new ParticipantOutcome(10, 40, true, false), // lost, remitted (<= 11)
            new ParticipantOutcome(20, 45, true, false), // lost, not remitted
            new ParticipantOutcome(38, 44, true, true), // still diagnosed, no response
            new ParticipantOutcome(5, 30, false, false), // not diagnosed at baseline
            new ParticipantOutcome(30, null, null, true)); // no baseline
    var stats = GroupStatistics.of(outcomes, 10, 11);
    assertThat(stats.score().n()).isEqualTo(5);
    assertThat(stats.change().n()).isEqualTo(4);
    assertThat(stats.responders()).isEqualTo(new GroupStatistics.Rate(3, 4, 0.75));
    assertThat(stats.lossOfDiagnosis()).isEqualTo(new GroupStatistics.Rate(2, 3, 2.0 / 3));
    assertThat(stats.remission()).isEqualTo(new GroupStatistics.Rate(1, 3, 1.0 / 3));
  }

  @Test
  void instrumentsWithoutADiagnosisHaveNoLossOrRemission() {
    var stats = GroupStatistics.of(List.of(new ParticipantOutcome(10, 20, null, null)), null, null);
    assertThat(stats.responders()).isNull();
    assertThat(stats.lossOfDiagnosis()).isNull();
    assertThat(stats.remission()).isNull();
    assertThat(stats.change().mean()).isEqualTo(-10.0);
  }
}

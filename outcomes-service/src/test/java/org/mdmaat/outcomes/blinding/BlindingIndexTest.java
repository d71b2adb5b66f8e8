package org.mdmaat.outcomes.blinding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BlindingIndexTest {

  @Test
  void bangIsPointEightWhenNinetyPercentGuessRightAndNobodySaysDontKnow() {
    // DOMAIN.md: 90% correct, no "don't know" -> 0.80.
    var mdma = BlindingIndex.bang(45, 5, 0, true);
    assertThat(mdma.index()).isCloseTo(0.80, within(1e-12));
    // p1 = 0.9, p2 = 0.1: sqrt((0.09 + 0.09 + 0.18) / 50)
    assertThat(mdma.standardError()).isCloseTo(Math.sqrt(0.36 / 50), within(1e-12));
    assertThat(mdma.lower95()).isLessThan(0.80);
    // The same share in the placebo arm: correct is a placebo guess.
    var placebo = BlindingIndex.bang(5, 45, 0, false);
    assertThat(placebo.index()).isCloseTo(0.80, within(1e-12));
    assertThat(placebo.correct()).isEqualTo(45);
  }

  @Test
  void bangCountsDontKnowInTheDenominator() {
    var arm = BlindingIndex.bang(10, 10, 20, true);
    assertThat(arm.index()).isCloseTo(0.0, within(1e-12));
    var opposite = BlindingIndex.bang(0, 20, 20, true);
    assertThat(opposite.index()).isCloseTo(-0.5, within(1e-12));
    assertThat(BlindingIndex.bang(0, 0, 0, true).index()).isNull();
  }

  @Test
  void jamesIsZeroWhenEveryoneGuessesRight() {
    // By hand: P11 = P22 = 0.5, Pdk = 0; Pdo = 0.5(P12 + P21) = 0;
    // Pde = 0.5·0.5·0.5 + 0.5·0.5·0.5 = 0.25; Kd = -1; JBI = (1 + 0 + 1·(-1)) / 2 = 0.
    var james = BlindingIndex.james(new long[][] {{10, 0}, {0, 10}, {0, 0}});
    assertThat(james.index()).isCloseTo(0.0, within(1e-12));
  }

  @Test
  void jamesIsOneHalfForRandomGuessesWithAQuarterNotKnowing() {
    // By hand, N = 80: rows (MDMA, PLACEBO, DK) x columns (MDMA arm, PLACEBO arm)
    // = (20, 10), (10, 20), (10, 10). Pdk = 0.25, 1 - Pdk = 0.75.
    // Pdo = 0.5 (10/80 + 10/80) / 0.75 = 1/6.
    // Row shares 0.375, 0.375; column shares less don't know 0.5 - 0.125 = 0.375 each;
    // Pde = (0.5·0.375·0.375 + 0.5·0.375·0.375) / 0.5625 = 0.25.
    // Kd = (1/6 - 1/4) / (1/4) = -1/3; JBI = (1 + 0.25 + 0.75·(-1/3)) / 2 = 0.5.
    var james = BlindingIndex.james(new long[][] {{20, 10}, {10, 20}, {10, 10}});
    assertThat(james.index()).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void jamesIsOneWhenNobodyVenturesAGuess() {
    assertThat(BlindingIndex.james(new long[][] {{0, 0}, {0, 0}, {7, 9}}).index()).isEqualTo(1.0);
    assertThat(BlindingIndex.james(new long[][] {{0, 0}, {0, 0}, {0, 0}}).index()).isNull();
  }

  @Test
  void agreesWithThePublishedExampleOfTheBiPackage() {
    // The BI package's documented example (also BlindingIndex.jl's README), rounded to 3 digits:
    // James 0.896 (SE 0.011); Bang treatment 0.115 (SE 0.018), placebo 0.022 (SE 0.019).
    long[][] table = {{48, 22}, {4, 30}, {330, 319}};
    var james = BlindingIndex.james(table);
    assertThat(james.index()).isCloseTo(0.896, within(0.0005));
    assertThat(james.standardError()).isCloseTo(0.011, within(0.0005));
    var treatment = BlindingIndex.bang(48, 4, 330, true);
    assertThat(treatment.index()).isCloseTo(0.115, within(0.0005));
    assertThat(treatment.standardError()).isCloseTo(0.018, within(0.0005));
    var placebo = BlindingIndex.bang(22, 30, 319, false);
    assertThat(placebo.index()).isCloseTo(0.022, within(0.0005));
    assertThat(placebo.standardError()).isCloseTo(0.019, within(0.0005));
  }
}

package org.mdmaat.outcomes.blinding;

/**
 * Bang's and James' blinding indices, as the R package BI computes them (DOMAIN.md). The table is
 * guesses by arm: rows MDMA, PLACEBO, DONT_KNOW guesses; columns MDMA and PLACEBO arms.
 */
public final class BlindingIndex {
  /** 95% two-sided normal quantile. */
  static final double Z95 = 1.959963984540054;

  // James' 1996 weights for the guess rows MDMA and PLACEBO: 0 correct, 0.5 wrong. The don't-know
  // row (weight 1) enters through Pdk.
  private static final double[][] JAMES_WEIGHTS = {{0, 0.5}, {0.5, 0}};

  private BlindingIndex() {}

  /**
   * Bang's index of one arm: (C − W) / n with n = C + W + D.
   *
   * @param guessedMdma how many in the arm guessed MDMA
   * @param guessedPlacebo how many guessed placebo
   * @param dontKnow how many did not know
   * @param armIsMdma whether the arm is MDMA (a guess of MDMA is correct) or placebo
   */
  public static Bang bang(long guessedMdma, long guessedPlacebo, long dontKnow, boolean armIsMdma) {
    long n = guessedMdma + guessedPlacebo + dontKnow;
    long correct = armIsMdma ? guessedMdma : guessedPlacebo;
    long wrong = armIsMdma ? guessedPlacebo : guessedMdma;
    if (n == 0) {
      return new Bang(0, correct, wrong, dontKnow, null, null, null, null);
    }
    double index = (double) (correct - wrong) / n;
    double p1 = (double) guessedMdma / n;
    double p2 = (double) guessedPlacebo / n;
    double se = Math.sqrt((p1 * (1 - p1) + p2 * (1 - p2) + 2 * p1 * p2) / n);
    return new Bang(n, correct, wrong, dontKnow, index, se, index - Z95 * se, index + Z95 * se);
  }

  /**
   * James' index over the whole 3×2 table, with its standard error as in BI; 1 fully blinded, 0.5
   * random, 0 unblinded. {@code counts[guess][arm]}, guess rows MDMA, PLACEBO, DONT_KNOW, arm
   * columns MDMA, PLACEBO.
   */
  public static James james(long[][] counts) {
    long n = 0;
    for (long[] row : counts) {
      for (long cell : row) {
        n += cell;
      }
    }
    if (n == 0) {
      return new James(0, null, null, null, null);
    }
    double[][] p = new double[3][2];
    double[] row = new double[3];
    double[] column = new double[2];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 2; j++) {
        p[i][j] = (double) counts[i][j] / n;
        row[i] += p[i][j];
        column[j] += p[i][j];
      }
    }
    double pdk = row[2];
    if (pdk == 1.0) {
      // Nobody ventured a guess: fully blinded by definition.
      return new James(n, 1.0, 0.0, 1.0, 1.0);
    }
    double q = 1 - pdk;
    double pdo = 0;
    double expected = 0;
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        pdo += JAMES_WEIGHTS[i][j] * p[i][j] / q;
        expected += JAMES_WEIGHTS[i][j] * row[i] * (column[j] - p[2][j]);
      }
    }
    double pde = expected / (q * q);
    if (pde == 0) {
      // No disagreement is possible by chance (e.g. one arm only): the index is undefined.
      return new James(n, null, null, null, null);
    }
    double kd = (pdo - pde) / pde;
    double index = (1 + pdk + q * kd) / 2;

    double numerator = 0;
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        double extra = 0;
        for (int r = 0; r < 2; r++) {
          extra += JAMES_WEIGHTS[r][j] * row[r] + JAMES_WEIGHTS[i][r] * (column[r] - p[2][r]);
        }
        double term = q * JAMES_WEIGHTS[i][j] - (1 + kd) * extra;
        numerator += p[i][j] * q * q * term * term;
      }
    }
    double v1 = numerator / (4 * expected * expected);
    double v2 = pdk * q - q * (1 + kd) * (pdk + q * (1 + kd) / 4);
    double variance = (v1 + v2) / n;
    Double se = variance >= 0 ? Math.sqrt(variance) : null;
    return new James(
        n, index, se, se == null ? null : index - Z95 * se, se == null ? null : index + Z95 * se);
  }

  /**
   * Bang's index of one arm with its standard error and 95% confidence limits (null when n = 0).
   */
  public record Bang(
      long n,
      long correct,
      long wrong,
      long dontKnow,
      Double index,
      Double standardError,
      Double lower95,
      Double upper95) {}

  /** James' index over both arms (null when undefined). */
  public record James(long n, Double index, Double standardError, Double lower95, Double upper95) {}
}

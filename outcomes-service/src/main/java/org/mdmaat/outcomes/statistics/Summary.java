package org.mdmaat.outcomes.statistics;

/**
 * n, mean and sample standard deviation (n − 1) of a set of values; mean and SD are null without
 * values, SD null with one.
 */
public record Summary(int n, Double mean, Double sd) {

  public static Summary of(double[] values) {
    int n = values.length;
    if (n == 0) {
      return new Summary(0, null, null);
    }
    // Welford: one pass, numerically stable.
    double mean = 0;
    double squares = 0;
    for (int i = 0; i < n; i++) {
      double delta = values[i] - mean;
      mean += delta / (i + 1);
      squares += delta * (values[i] - mean);
    }
    return new Summary(n, mean, n > 1 ? Math.sqrt(squares / (n - 1)) : null);
  }
}

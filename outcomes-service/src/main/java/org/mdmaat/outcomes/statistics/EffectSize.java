package org.mdmaat.outcomes.statistics;

import org.mdmaat.outcomes.instrument.BetterWhen;

/**
 * Cohen's d between the arms with the pooled SD, its 95% confidence interval (normal approximation
 * of Hedges and Olkin: SE² = (n1 + n2) / (n1·n2) + d² / (2(n1 + n2))), and Hedges' g, d corrected
 * for small samples: g = J·d with J = 1 − 3 / (4(n1 + n2) − 9), its interval J times d's.
 *
 * <p>Sign: positive favours MDMA, whichever way the instrument improves. For a LOWER-is-better
 * scale d = (mean PLACEBO − mean MDMA) / pooled SD, as MAPP1 reports it (CAPS-5 change −24.4 vs
 * −13.9: d 0.91); for a HIGHER-is-better one (WAI-SR) d = (mean MDMA − mean PLACEBO) / pooled SD.
 */
public record EffectSize(
    Double d,
    Double lower95,
    Double upper95,
    Double hedgesG,
    Double hedgesGLower95,
    Double hedgesGUpper95) {
  static final double Z95 = 1.959963984540054;
  private static final EffectSize NONE = new EffectSize(null, null, null, null, null, null);

  public static EffectSize between(Summary mdma, Summary placebo, BetterWhen betterWhen) {
    if (mdma.n() < 2 || placebo.n() < 2) {
      return NONE;
    }
    int n1 = mdma.n();
    int n2 = placebo.n();
    double pooledVariance =
        ((n1 - 1) * mdma.sd() * mdma.sd() + (n2 - 1) * placebo.sd() * placebo.sd()) / (n1 + n2 - 2);
    if (pooledVariance == 0) {
      return NONE;
    }
    double towardsMdma =
        betterWhen == BetterWhen.HIGHER
            ? mdma.mean() - placebo.mean()
            : placebo.mean() - mdma.mean();
    double d = towardsMdma / Math.sqrt(pooledVariance);
    double se = Math.sqrt((double) (n1 + n2) / ((double) n1 * n2) + d * d / (2.0 * (n1 + n2)));
    double j = 1.0 - 3.0 / (4.0 * (n1 + n2) - 9.0);
    return new EffectSize(
        d, d - Z95 * se, d + Z95 * se, j * d, j * (d - Z95 * se), j * (d + Z95 * se));
  }
}

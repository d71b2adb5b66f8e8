package org.mdmaat.outcomes.statistics;

/**
 * Cohen's d between the arms with the pooled SD, and its 95% confidence interval (normal
 * approximation of Hedges and Olkin: SE² = (n1 + n2) / (n1·n2) + d² / (2(n1 + n2))).
 *
 * <p>Sign: d = (mean PLACEBO − mean MDMA) / pooled SD. Every instrument here scores lower as
 * better, so a positive d favours MDMA, as MAPP1 reports it (CAPS-5 change −24.4 vs −13.9: d 0.91).
 */
public record EffectSize(Double d, Double lower95, Double upper95) {
  static final double Z95 = 1.959963984540054;

  public static EffectSize between(Summary mdma, Summary placebo) {
    if (mdma.n() < 2 || placebo.n() < 2) {
      return new EffectSize(null, null, null);
    }
    int n1 = mdma.n();
    int n2 = placebo.n();
    double pooledVariance =
        ((n1 - 1) * mdma.sd() * mdma.sd() + (n2 - 1) * placebo.sd() * placebo.sd()) / (n1 + n2 - 2);
    if (pooledVariance == 0) {
      return new EffectSize(null, null, null);
    }
    double d = (placebo.mean() - mdma.mean()) / Math.sqrt(pooledVariance);
    double se = Math.sqrt((double) (n1 + n2) / ((double) n1 * n2) + d * d / (2.0 * (n1 + n2)));
    return new EffectSize(d, d - Z95 * se, d + Z95 * se);
  }
}

package org.mdmaat.outcomes.instrument;

import java.util.List;

/**
 * An instrument as data (loaded from {@code instruments/*.json}): its items with their ranges,
 * subscales (clusters), severity bands on the total and derived flags.
 *
 * @param requiresIndependentRater only a rater who is not on the participant's treatment team may
 *     administer it (CAPS-5)
 * @param betterWhen which way the total improves; every definition says (no default), since an
 *     effect size's sign depends on it
 * @param outcome how trial statistics read it (response, loss of diagnosis, remission); may be null
 */
public record Instrument(
    String code,
    String name,
    String version,
    boolean requiresIndependentRater,
    BetterWhen betterWhen,
    List<Item> items,
    List<Subscale> subscales,
    List<Band> bands,
    List<Flag> flags,
    OutcomeRules outcome) {

  public Instrument {
    items = items == null ? List.of() : List.copyOf(items);
    subscales = subscales == null ? List.of() : List.copyOf(subscales);
    bands = bands == null ? List.of() : List.copyOf(bands);
    flags = flags == null ? List.of() : List.copyOf(flags);
  }

  /**
   * One item. {@code allowed}, when given, lists the only valid values (AUDIT items 9 and 10: 0, 2,
   * 4); {@code inTotal} false for items that gate a rule but are not summed (CAPS-5 F and G).
   */
  public record Item(
      String code,
      String label,
      int min,
      int max,
      String subscale,
      Boolean inTotal,
      List<Integer> allowed) {
    public boolean countsInTotal() {
      return inTotal == null || inTotal;
    }

    public boolean accepts(int value) {
      if (value < min || value > max) {
        return false;
      }
      return allowed == null || allowed.isEmpty() || allowed.contains(value);
    }

    String range() {
      return allowed == null || allowed.isEmpty()
          ? min + ".." + max
          : "one of " + allowed.toString().replace("[", "").replace("]", "");
    }
  }

  /** A cluster or subscale: the sum of its items. */
  public record Subscale(String code, String label, List<String> items) {}

  /** A severity band of the total, inclusive on both ends. */
  public record Band(String label, int min, int max) {}

  /** A derived flag: true when every condition holds. */
  public record Flag(String code, String label, List<Condition> allOf) {}

  /**
   * One condition of a flag, one of three shapes: at least {@code minCount} items of {@code
   * subscale} scored {@code itemAtLeast} or more; item {@code item} scored {@code atLeast} or more;
   * the total {@code totalAtLeast} or more.
   */
  public record Condition(
      String subscale,
      Integer itemAtLeast,
      Integer minCount,
      String item,
      Integer atLeast,
      Integer totalAtLeast) {}

  /**
   * How trial statistics read the instrument: loss of diagnosis is {@code diagnosisFlag} set at
   * baseline and no longer. The response and remission thresholds are not the instrument's: they
   * are each trial's settings ({@code TrialOutcomeRule}), with no default.
   */
  public record OutcomeRules(String diagnosisFlag) {}
}

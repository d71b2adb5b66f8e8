package org.mdmaat.outcomes.statistics;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One request's reader of an instrument's diagnosis flag from assessments' {@code flags} JSON. A
 * trial's assessments share few distinct flag texts, so each distinct text is parsed once, however
 * many rows, baselines and subgroups read it.
 */
final class DiagnosisFlags {
  private final String flag;
  private final Function<String, Map<String, Boolean>> parse;
  private final Map<String, Boolean> byText = new HashMap<>();

  /**
   * @param flag the instrument's diagnosis flag; null when it has none (then every answer is null)
   * @param parse the flags column's parser
   */
  DiagnosisFlags(String flag, Function<String, Map<String, Boolean>> parse) {
    this.flag = flag;
    this.parse = parse;
  }

  /**
   * The flag's value in {@code flags}; null when the instrument has no such flag or it is absent.
   */
  Boolean of(String flags) {
    if (flag == null) {
      return null;
    }
    // Not computeIfAbsent: a null value (flag absent) is remembered too.
    if (byText.containsKey(flags)) {
      return byText.get(flags);
    }
    Boolean value = parse.apply(flags).get(flag);
    byText.put(flags, value);
    return value;
  }
}

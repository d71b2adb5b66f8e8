package org.mdmaat.outcomes.instrument;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mdmaat.outcomes.Problems;
import org.mdmaat.platform.problem.Violation;

/** Validates and scores responses by an instrument's rules; knows no instrument by name. */
public final class InstrumentScorer {
  private InstrumentScorer() {}

  /**
   * Every item present, none unknown, each in range; else a 422 naming each offending item as
   * {@code responses.<item>}.
   */
  public static void validate(Instrument instrument, Map<String, Integer> responses) {
    var violations = new ArrayList<Violation>();
    Map<String, Integer> given = responses == null ? Map.of() : responses;
    for (var item : instrument.items()) {
      Integer value = given.get(item.code());
      if (value == null) {
        violations.add(
            new Violation("responses." + item.code(), "missing: every item is required"));
      } else if (!item.accepts(value)) {
        violations.add(
            new Violation(
                "responses." + item.code(), value + " is out of range (" + item.range() + ")"));
      }
    }
    var known = instrument.items().stream().map(Instrument.Item::code).toList();
    new TreeMap<>(given)
        .keySet().stream()
            .filter(code -> !known.contains(code))
            .forEach(
                code ->
                    violations.add(
                        new Violation("responses." + code, "not an item of " + instrument.code())));
    if (!violations.isEmpty()) {
      throw Problems.INVALID_RESPONSES.problem(
          instrument.code()
              + " responses are incomplete or out of range: "
              + String.join(", ", violations.stream().map(Violation::field).toList()),
          violations);
    }
  }

  /** Validates, then scores. */
  public static Score score(Instrument instrument, Map<String, Integer> responses) {
    validate(instrument, responses);
    int total = 0;
    for (var item : instrument.items()) {
      if (item.countsInTotal()) {
        total += responses.get(item.code());
      }
    }
    Map<String, Integer> subscales = new LinkedHashMap<>();
    for (var subscale : instrument.subscales()) {
      subscales.put(subscale.code(), subscale.items().stream().mapToInt(responses::get).sum());
    }
    String band = null;
    for (var candidate : instrument.bands()) {
      if (total >= candidate.min() && total <= candidate.max()) {
        band = candidate.label();
      }
    }
    Map<String, Boolean> flags = new LinkedHashMap<>();
    for (var flag : instrument.flags()) {
      flags.put(flag.code(), holds(instrument, flag.allOf(), responses, total));
    }
    return new Score(total, Map.copyOf(subscales), band, Map.copyOf(flags));
  }

  private static boolean holds(
      Instrument instrument,
      List<Instrument.Condition> conditions,
      Map<String, Integer> responses,
      int total) {
    for (var condition : conditions) {
      if (condition.totalAtLeast() != null) {
        if (total < condition.totalAtLeast()) {
          return false;
        }
      } else if (condition.item() != null) {
        if (responses.get(condition.item()) < condition.atLeast()) {
          return false;
        }
      } else {
        var subscale =
            instrument.subscales().stream()
                .filter(s -> s.code().equals(condition.subscale()))
                .findFirst()
                .orElseThrow();
        long count =
            subscale.items().stream()
                .filter(code -> responses.get(code) >= condition.itemAtLeast())
                .count();
        if (count < condition.minCount()) {
          return false;
        }
      }
    }
    return true;
  }
}

package org.mdmaat.safety;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.mdmaat.platform.problem.BadRequest;
import org.mdmaat.platform.problem.Violation;

/**
 * Reads a query parameter naming one of an enum's values. JAX-RS answers a value it cannot convert
 * with 404; a misspelt filter is a bad request (400) naming the parameter and the choices.
 */
public final class QueryChoice {
  private QueryChoice() {}

  /** The value named, or {@code fallback} when the parameter is absent. */
  public static <E extends Enum<E>> E of(
      Class<E> type, String parameter, String value, E fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      List<String> choices = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
      throw new BadRequest(
          "SAF-0400-QUERY",
          "Unknown " + parameter + " " + value,
          List.of(new Violation(parameter, "must be one of " + choices)));
    }
  }
}

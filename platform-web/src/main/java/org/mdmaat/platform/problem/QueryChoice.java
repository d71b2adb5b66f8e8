package org.mdmaat.platform.problem;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads a query parameter naming one of an enum's values. JAX-RS answers a value it cannot convert
 * with 404; a misspelt filter is a bad request (400) naming the parameter and the choices.
 */
public final class QueryChoice {
  private QueryChoice() {}

  /** The value named (any case), or {@code fallback} when the parameter is absent. */
  public static <E extends Enum<E>> E of(
      Class<E> type, String parameter, String value, E fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new BadRequest(
          ProblemDetails.platformCode(400),
          "Unknown " + parameter + " " + value,
          List.of(new Violation(parameter, "must be one of " + choices(type))));
    }
  }

  /** As {@link #of}, for a parameter that must be given. */
  public static <E extends Enum<E>> E required(Class<E> type, String parameter, String value) {
    if (value == null || value.isBlank()) {
      throw new BadRequest(
          ProblemDetails.platformCode(400),
          "The query parameter " + parameter + " is required",
          List.of(new Violation(parameter, "is required: one of " + choices(type))));
    }
    return of(type, parameter, value, null);
  }

  private static <E extends Enum<E>> List<String> choices(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
  }
}

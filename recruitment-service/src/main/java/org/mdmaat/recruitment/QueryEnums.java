package org.mdmaat.recruitment;

import java.util.Arrays;
import java.util.List;
import org.mdmaat.platform.problem.BadRequest;
import org.mdmaat.platform.problem.Violation;

/** Query parameters naming an enum constant: a wrong one is a 400 naming the parameter. */
public final class QueryEnums {
  private QueryEnums() {}

  public static <E extends Enum<E>> E parse(Class<E> type, String value, String parameter) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      var allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
      throw new BadRequest(
          Codes.BAD_REQUEST,
          "Unknown " + parameter + " " + value,
          List.of(new Violation(parameter, "must be one of " + allowed)));
    }
  }
}

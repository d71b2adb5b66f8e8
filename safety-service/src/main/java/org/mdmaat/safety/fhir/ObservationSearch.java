package org.mdmaat.safety.fhir;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.mdmaat.platform.problem.Problem;
import org.mdmaat.platform.problem.Violation;
import org.mdmaat.safety.Problems;
import org.mdmaat.safety.fhir.VitalObservations.Vital;

/**
 * The Observation search parameters this service understands, read from a query: {@code subject}
 * (or {@code subject:identifier}), {@code encounter} (or {@code encounter:identifier}), {@code
 * code}, {@code date} (repeatable, prefixes eq ge gt le lt), {@code _count} (1 to 200, default 50)
 * and {@code _offset}. Anything else is a 400: a filter silently dropped would widen the answer.
 */
record ObservationSearch(
    String participantCode,
    String sessionId,
    Vital vital,
    Instant from,
    Instant until,
    int count,
    int offset) {
  static final Set<String> PARAMETERS =
      Set.of(
          "subject",
          "subject:identifier",
          "encounter",
          "encounter:identifier",
          "code",
          "date",
          "_count",
          "_offset",
          "_format");

  private static final Pattern DATE = Pattern.compile("^(eq|ge|gt|le|lt)?(.+)$");

  static ObservationSearch of(Map<String, List<String>> query) {
    var wrong = new ArrayList<Violation>();
    for (var name : query.keySet()) {
      if (!PARAMETERS.contains(name)) {
        wrong.add(new Violation(name, "not a supported Observation search parameter"));
      } else if (!name.equals("date") && query.get(name).size() > 1) {
        wrong.add(new Violation(name, "given more than once"));
      }
    }
    var format = one(query, "_format");
    if (format != null && !format.equals("json") && !format.equals(Fhir.MEDIA_TYPE)) {
      wrong.add(new Violation("_format", "only json is served"));
    }
    var participant = code(query, "subject", VitalObservations.PARTICIPANT_SYSTEM, wrong);
    var session = code(query, "encounter", VitalObservations.SESSION_SYSTEM, wrong);
    Vital vital = null;
    var code = one(query, "code");
    if (code != null) {
      var bare =
          code.startsWith(VitalObservations.LOINC + "|")
              ? code.substring(VitalObservations.LOINC.length() + 1)
              : code;
      vital = Vital.ofLoinc(bare).orElse(null);
      if (vital == null) {
        wrong.add(new Violation("code", "not one of the LOINC codes of the vitals served"));
      }
    }
    Instant from = null;
    Instant until = null;
    for (var date : query.getOrDefault("date", List.of())) {
      var range = range(date, wrong);
      if (range == null) {
        continue;
      }
      if (range[0] != null && (from == null || range[0].isAfter(from))) {
        from = range[0];
      }
      if (range[1] != null && (until == null || range[1].isBefore(until))) {
        until = range[1];
      }
    }
    int count = number(query, "_count", 50, 1, 200, wrong);
    int offset = number(query, "_offset", 0, 0, Integer.MAX_VALUE, wrong);
    if (!wrong.isEmpty()) {
      throw problem(wrong);
    }
    return new ObservationSearch(participant, session, vital, from, until, count, offset);
  }

  private static Problem problem(List<Violation> wrong) {
    return Problems.FHIR_SEARCH.problem(
        "Search parameter " + wrong.get(0).field() + ": " + wrong.get(0).message(), wrong);
  }

  private static String one(Map<String, List<String>> query, String name) {
    var values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** {@code name=<code>} or {@code name:identifier=<system>|<code>}. */
  private static String code(
      Map<String, List<String>> query, String name, String system, List<Violation> wrong) {
    var plain = one(query, name);
    var identifier = one(query, name + ":identifier");
    if (plain != null && identifier != null) {
      wrong.add(new Violation(name, "given both as " + name + " and " + name + ":identifier"));
      return null;
    }
    if (identifier != null) {
      if (!identifier.startsWith(system + "|") || identifier.length() == system.length() + 1) {
        wrong.add(new Violation(name + ":identifier", "must be " + system + "|<code>"));
        return null;
      }
      return identifier.substring(system.length() + 1);
    }
    if (plain != null && (plain.isBlank() || plain.contains("/") || plain.contains("|"))) {
      wrong.add(new Violation(name, "must be the code itself (or use " + name + ":identifier)"));
      return null;
    }
    return plain;
  }

  /** [from inclusive, until exclusive], either null for open; null when wrong. */
  private static Instant[] range(String text, List<Violation> wrong) {
    var m = DATE.matcher(text);
    if (!m.matches()) {
      wrong.add(new Violation("date", "not a date: " + text));
      return null;
    }
    var prefix = m.group(1) == null ? "eq" : m.group(1);
    Instant start;
    Instant end;
    var value = m.group(2);
    try {
      // Dates without a time are UTC days (months, years): the platform's clock is UTC.
      if (value.length() == 4) {
        var year = LocalDate.of(Integer.parseInt(value), 1, 1);
        start = year.atStartOfDay().toInstant(ZoneOffset.UTC);
        end = year.plusYears(1).atStartOfDay().toInstant(ZoneOffset.UTC);
      } else if (value.length() == 7) {
        var month = YearMonth.parse(value);
        start = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
        end = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
      } else if (value.length() == 10) {
        var day = LocalDate.parse(value);
        start = day.atStartOfDay().toInstant(ZoneOffset.UTC);
        end = day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
      } else {
        var at = OffsetDateTime.parse(value).toInstant();
        start = at;
        end = at.getNano() == 0 ? at.plusSeconds(1) : at.plus(1, ChronoUnit.MICROS);
      }
    } catch (DateTimeParseException | NumberFormatException e) {
      wrong.add(
          new Violation("date", "not a FHIR date, or a date and time with its offset: " + value));
      return null;
    }
    return switch (prefix) {
      case "ge" -> new Instant[] {start, null};
      case "gt" -> new Instant[] {end, null};
      case "le" -> new Instant[] {null, end};
      case "lt" -> new Instant[] {null, start};
      default -> new Instant[] {start, end};
    };
  }

  private static int number(
      Map<String, List<String>> query,
      String name,
      int fallback,
      int min,
      int max,
      List<Violation> wrong) {
    var text = one(query, name);
    if (text == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(text);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    wrong.add(new Violation(name, "must be a whole number from " + min + " to " + max));
    return fallback;
  }
}

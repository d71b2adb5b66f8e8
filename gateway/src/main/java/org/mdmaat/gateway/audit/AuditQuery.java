package org.mdmaat.gateway.audit;

import io.vertx.core.MultiMap;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mdmaat.platform.problem.Violation;

/**
 * The regulator's filter and page request, checked here so that one bad parameter gives one 400
 * instead of four services' answers. Filters are passed on to each service's {@code /audit} as they
 * are (the services index them).
 *
 * @param limit entries per merged page (1–1000)
 * @param cursor where the previous page ended in each service (empty: from the start)
 * @param filters entityType, entityId, actor, trialId, participantCode, from, to — as given
 */
record AuditQuery(int limit, Map<String, Long> cursor, Map<String, String> filters) {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;
  static final List<String> FILTERS =
      List.of("entityType", "entityId", "actor", "trialId", "participantCode", "from", "to");

  /** The query of {@code params}, or {@link InvalidQuery} naming every bad parameter. */
  static AuditQuery parse(MultiMap params) {
    var violations = new ArrayList<Violation>();
    int limit = DEFAULT_LIMIT;
    var limitText = params.get("limit");
    if (limitText != null && !limitText.isBlank()) {
      try {
        limit = Integer.parseInt(limitText.trim());
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > MAX_LIMIT) {
        violations.add(violation("limit", "must be between 1 and " + MAX_LIMIT));
        limit = DEFAULT_LIMIT;
      }
    }
    Map<String, Long> cursor = Map.of();
    var cursorText = params.get("cursor");
    if (cursorText != null && !cursorText.isBlank()) {
      try {
        cursor = AuditCursor.decode(cursorText.trim());
      } catch (IllegalArgumentException e) {
        violations.add(violation("cursor", "is not a cursor this API gave out"));
      }
    }
    var filters = new LinkedHashMap<String, String>();
    for (var name : FILTERS) {
      var value = params.get(name);
      // "user" is what a regulator calls the actor.
      if ((value == null || value.isBlank()) && name.equals("actor")) {
        value = params.get("user");
      }
      if (value == null || value.isBlank()) {
        continue;
      }
      if ((name.equals("from") || name.equals("to")) && !isTime(value.trim())) {
        violations.add(
            violation(name, "must be an ISO-8601 time with zone, e.g. 2025-01-31T09:00:00Z"));
        continue;
      }
      filters.put(name, value.trim());
    }
    if (!violations.isEmpty()) {
      throw new InvalidQuery(violations);
    }
    return new AuditQuery(limit, cursor, filters);
  }

  /** The query string for one service's {@code /audit}, from {@code after}. */
  String serviceQuery(Long after, int pageSize) {
    var query = new StringBuilder("limit=").append(pageSize);
    if (after != null) {
      query.append("&after=").append(after);
    }
    return withFilters(query);
  }

  /** The query string for one service's {@code /audit/export}, from {@code after} (null: all). */
  String exportQuery(Long after) {
    var query = new StringBuilder();
    if (after != null) {
      query.append("after=").append(after);
    }
    return withFilters(query);
  }

  private String withFilters(StringBuilder query) {
    filters.forEach(
        (name, value) ->
            query
                .append(query.isEmpty() ? "" : "&")
                .append(name)
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return query.toString();
  }

  private static boolean isTime(String value) {
    try {
      Instant.parse(value);
      return true;
    } catch (DateTimeParseException notUtc) {
      try {
        OffsetDateTime.parse(value);
        return true;
      } catch (DateTimeParseException e) {
        return false;
      }
    }
  }

  private static Violation violation(String field, String message) {
    return new Violation(field, message);
  }

  /** The query has invalid parameters (400). */
  static final class InvalidQuery extends RuntimeException {
    final List<Violation> violations;

    InvalidQuery(List<Violation> violations) {
      super("invalid audit query", null, false, false);
      this.violations = List.copyOf(violations);
    }
  }
}

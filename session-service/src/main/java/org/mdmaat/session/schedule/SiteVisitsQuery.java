package org.mdmaat.session.schedule;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.mdmaat.platform.problem.Violation;
import org.mdmaat.session.Problems;

/**
 * The query of a site's visits list: target dates {@code from..to} (inclusive), optionally one
 * status. Read by {@link ScheduleService#atSite} after the site check, so that another site's list
 * answers 404 whatever the query says.
 */
record SiteVisitsQuery(LocalDate from, LocalDate to, SessionStatus status) {

  /** The query parameters as given; 400 naming the parameter when one is not what it must be. */
  static SiteVisitsQuery of(String from, String to, String status) {
    var fromDate = date("from", from);
    var toDate = date("to", to);
    if (toDate.isBefore(fromDate)) {
      throw Problems.BAD_QUERY.problem(
          "to is before from", List.of(new Violation("to", "must not be before from")));
    }
    SessionStatus wanted = null;
    if (status != null && !status.isBlank()) {
      try {
        wanted = SessionStatus.valueOf(status);
      } catch (IllegalArgumentException e) {
        throw Problems.BAD_QUERY.problem(
            "Unknown status " + status,
            List.of(new Violation("status", "must be one of " + List.of(SessionStatus.values()))));
      }
    }
    return new SiteVisitsQuery(fromDate, toDate, wanted);
  }

  private static LocalDate date(String field, String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw Problems.BAD_QUERY.problem(
          field + " is not a date",
          List.of(new Violation(field, "must be a date, e.g. 2026-03-01")));
    }
  }
}

package org.mdmaat.recruitment.trial;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The visit template session-service builds schedules from. Fields omitted when a trial is created
 * take MAPP's, stored explicitly: 3 preparation sessions, 3 experimental sessions about 4 weeks
 * apart (window ±7 days, i.e. 3-5 weeks), 3 integration sessions a week apart after each, 7 daily
 * follow-up contacts. A given 0 stays 0; reading never fills defaults.
 */
public record VisitTemplateSettings(
    @Min(0) @Max(20) Integer preparationSessions,
    @Min(1) @Max(20) Integer experimentalSessions,
    @Min(1) @Max(365) Integer experimentalIntervalDays,
    @Min(0) @Max(90) Integer experimentalWindowDays,
    @Min(0) @Max(20) Integer integrationSessionsPerExperimental,
    @Min(1) @Max(90) Integer integrationIntervalDays,
    @Min(0) @Max(30) Integer followUpContactsPerExperimental) {

  public static final VisitTemplateSettings MAPP = new VisitTemplateSettings(3, 3, 28, 7, 3, 7, 7);

  /** MAPP's value for each field left null; only for a trial being created. */
  public VisitTemplateSettings withDefaults() {
    return new VisitTemplateSettings(
        or(preparationSessions, MAPP.preparationSessions),
        or(experimentalSessions, MAPP.experimentalSessions),
        or(experimentalIntervalDays, MAPP.experimentalIntervalDays),
        or(experimentalWindowDays, MAPP.experimentalWindowDays),
        or(integrationSessionsPerExperimental, MAPP.integrationSessionsPerExperimental),
        or(integrationIntervalDays, MAPP.integrationIntervalDays),
        or(followUpContactsPerExperimental, MAPP.followUpContactsPerExperimental));
  }

  private static Integer or(Integer value, Integer fallback) {
    return value == null ? fallback : value;
  }
}

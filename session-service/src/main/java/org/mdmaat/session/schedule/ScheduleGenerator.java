package org.mdmaat.session.schedule;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.mdmaat.session.participant.VisitPlan;

/**
 * Lays out a participant's sessions from the visit template, counted in the site's calendar days
 * from the day of randomization: preparation sessions first, then each experimental session
 * followed by its integration sessions (the first the day after) and its daily follow-up contacts.
 * After a dose the same layout is anchored on the day the dose was given ({@link #after}).
 */
public final class ScheduleGenerator {
  private final ScheduleSettings settings;

  public ScheduleGenerator(ScheduleSettings settings) {
    this.settings = settings;
  }

  /** A session to be created. */
  public record PlannedSession(
      SessionKind kind,
      int number,
      Integer experimentalNumber,
      LocalDate targetDate,
      LocalDate windowStart,
      LocalDate windowEnd) {}

  public List<PlannedSession> plan(VisitPlan plan, LocalDate randomizedOn) {
    var sessions = new ArrayList<PlannedSession>();
    int prepWindow = settings.preparationWindowDays();
    for (int i = 0; i < plan.preparationSessions(); i++) {
      var target = randomizedOn.plusDays((long) i * settings.preparationIntervalDays());
      sessions.add(
          new PlannedSession(
              SessionKind.PREPARATION,
              i + 1,
              null,
              target,
              max(randomizedOn, target.minusDays(prepWindow)),
              target.plusDays(prepWindow)));
    }
    var lastPreparation =
        randomizedOn.plusDays(
            (long) Math.max(0, plan.preparationSessions() - 1)
                * settings.preparationIntervalDays());
    var firstExperimental =
        lastPreparation.plusDays(settings.firstExperimentalAfterPreparationDays());
    sessions.addAll(experimentalFrom(plan, firstExperimental));
    return sessions;
  }

  /**
   * The sessions that follow experimental session {@code number} once it was dosed on {@code
   * dosedOn}: its integration sessions and follow-up contacts, and every later experimental session
   * with its own, laid out from that day instead of the planned one. The dosed session itself is
   * not among them.
   */
  public List<PlannedSession> after(VisitPlan plan, int number, LocalDate dosedOn) {
    var firstExperimental =
        dosedOn.minusDays((long) (number - 1) * plan.experimentalIntervalDays());
    return experimentalFrom(plan, firstExperimental).stream()
        .filter(
            p ->
                p.kind() == SessionKind.EXPERIMENTAL
                    ? p.number() > number
                    : p.experimentalNumber() >= number)
        .toList();
  }

  private List<PlannedSession> experimentalFrom(VisitPlan plan, LocalDate firstExperimental) {
    var sessions = new ArrayList<PlannedSession>();
    int integrationWindow = settings.integrationWindowDays();
    for (int e = 0; e < plan.experimentalSessions(); e++) {
      int experimental = e + 1;
      var target = firstExperimental.plusDays((long) e * plan.experimentalIntervalDays());
      sessions.add(
          new PlannedSession(
              SessionKind.EXPERIMENTAL,
              experimental,
              null,
              target,
              target.minusDays(plan.experimentalWindowDays()),
              target.plusDays(plan.experimentalWindowDays())));
      for (int j = 0; j < plan.integrationSessionsPerExperimental(); j++) {
        var integration = target.plusDays(1L + (long) j * plan.integrationIntervalDays());
        sessions.add(
            new PlannedSession(
                SessionKind.INTEGRATION,
                e * plan.integrationSessionsPerExperimental() + j + 1,
                experimental,
                integration,
                max(target.plusDays(1), integration.minusDays(integrationWindow)),
                integration.plusDays(integrationWindow)));
      }
      for (int d = 1; d <= plan.followUpContactsPerExperimental(); d++) {
        var contact = target.plusDays(d);
        sessions.add(
            new PlannedSession(
                SessionKind.FOLLOW_UP_CONTACT,
                e * plan.followUpContactsPerExperimental() + d,
                experimental,
                contact,
                contact,
                contact));
      }
    }
    return sessions;
  }

  private static LocalDate max(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }
}

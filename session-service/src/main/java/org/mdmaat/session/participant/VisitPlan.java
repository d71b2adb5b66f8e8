package org.mdmaat.session.participant;

import java.util.ArrayList;
import java.util.List;
import org.mdmaat.contracts.grpc.recruitment.TrialProtocol;
import org.mdmaat.contracts.grpc.recruitment.VisitTemplate;
import org.mdmaat.platform.problem.Violation;

/**
 * A trial's visit template exactly as recruitment-service holds it: 0 preparation sessions means
 * none and 0 follow-up contacts means none. A setting the trial never configured is refused by
 * name, never filled in.
 */
public record VisitPlan(
    int preparationSessions,
    int experimentalSessions,
    int experimentalIntervalDays,
    int experimentalWindowDays,
    int integrationSessionsPerExperimental,
    int integrationIntervalDays,
    int followUpContactsPerExperimental) {

  /** The closest and farthest days between two experimental sessions' doses. */
  public int minSpacingDays() {
    return Math.max(0, experimentalIntervalDays - experimentalWindowDays);
  }

  public int maxSpacingDays() {
    return experimentalIntervalDays + experimentalWindowDays;
  }

  public static VisitPlan of(TrialProtocol protocol) {
    TrialSettings.requireFound(protocol);
    if (!protocol.hasVisitTemplate()) {
      throw TrialSettings.refused(
          protocol, List.of(new Violation("visitTemplate", TrialSettings.NOT_CONFIGURED)));
    }
    VisitTemplate t = protocol.getVisitTemplate();
    var problems = new ArrayList<Violation>();
    int preparation =
        count(
            t.hasPreparationSessions(),
            t.getPreparationSessions(),
            "preparationSessions",
            0,
            problems);
    int experimental =
        count(
            t.hasExperimentalSessions(),
            t.getExperimentalSessions(),
            "experimentalSessions",
            0,
            problems);
    int interval =
        count(
            t.hasExperimentalIntervalDays(),
            t.getExperimentalIntervalDays(),
            "experimentalIntervalDays",
            1,
            problems);
    int window =
        count(
            t.hasExperimentalWindowDays(),
            t.getExperimentalWindowDays(),
            "experimentalWindowDays",
            0,
            problems);
    int integration =
        count(
            t.hasIntegrationSessionsPerExperimental(),
            t.getIntegrationSessionsPerExperimental(),
            "integrationSessionsPerExperimental",
            0,
            problems);
    int integrationInterval =
        count(
            t.hasIntegrationIntervalDays(),
            t.getIntegrationIntervalDays(),
            "integrationIntervalDays",
            1,
            problems);
    int followUps =
        count(
            t.hasFollowUpContactsPerExperimental(),
            t.getFollowUpContactsPerExperimental(),
            "followUpContactsPerExperimental",
            0,
            problems);
    if (!problems.isEmpty()) {
      throw TrialSettings.refused(protocol, problems);
    }
    return new VisitPlan(
        preparation, experimental, interval, window, integration, integrationInterval, followUps);
  }

  private static int count(
      boolean present, int value, String name, int least, List<Violation> problems) {
    if (!present) {
      problems.add(new Violation("visitTemplate." + name, TrialSettings.NOT_CONFIGURED));
    } else if (value < least) {
      problems.add(new Violation("visitTemplate." + name, "must be at least " + least));
    }
    return value;
  }
}

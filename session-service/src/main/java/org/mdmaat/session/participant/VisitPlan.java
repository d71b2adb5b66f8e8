package org.mdmaat.session.participant;

import org.mdmaat.contracts.grpc.recruitment.TrialProtocol;
import org.mdmaat.contracts.grpc.recruitment.VisitTemplate;

/**
 * A trial's visit template with MAPP defaults for every setting the trial left unset (0): 3
 * preparation sessions; 3 experimental sessions 28 days apart (±7 days), each followed by 3
 * integration sessions 7 days apart and 7 daily follow-up contacts.
 */
public record VisitPlan(
    int preparationSessions,
    int experimentalSessions,
    int experimentalIntervalDays,
    int experimentalWindowDays,
    int integrationSessionsPerExperimental,
    int integrationIntervalDays,
    int followUpContactsPerExperimental) {

  public static final VisitPlan MAPP = new VisitPlan(3, 3, 28, 7, 3, 7, 7);

  public static VisitPlan of(TrialProtocol protocol) {
    if (protocol == null || !protocol.getFound() || !protocol.hasVisitTemplate()) {
      return MAPP;
    }
    VisitTemplate t = protocol.getVisitTemplate();
    return new VisitPlan(
        or(t.getPreparationSessions(), MAPP.preparationSessions),
        or(t.getExperimentalSessions(), MAPP.experimentalSessions),
        or(t.getExperimentalIntervalDays(), MAPP.experimentalIntervalDays),
        or(t.getExperimentalWindowDays(), MAPP.experimentalWindowDays),
        or(t.getIntegrationSessionsPerExperimental(), MAPP.integrationSessionsPerExperimental),
        or(t.getIntegrationIntervalDays(), MAPP.integrationIntervalDays),
        or(t.getFollowUpContactsPerExperimental(), MAPP.followUpContactsPerExperimental));
  }

  private static int or(int value, int fallback) {
    return value > 0 ? value : fallback;
  }
}

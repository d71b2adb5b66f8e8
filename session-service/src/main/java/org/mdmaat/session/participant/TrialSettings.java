package org.mdmaat.session.participant;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.mdmaat.contracts.grpc.recruitment.TrialProtocol;
import org.mdmaat.platform.problem.Problem;
import org.mdmaat.platform.problem.Violation;
import org.mdmaat.session.Problems;

/**
 * What session-service reads from a trial's protocol besides the regimen and the visit template:
 * whether the trial may dose now, and each site's time zone. Every setting is taken as configured;
 * one that is missing refuses with {@link #SETTINGS}, naming it.
 */
public final class TrialSettings {

  static final String NOT_CONFIGURED = "not configured for this trial";

  /**
   * ClinicalTrials.gov statuses in which participants already randomized may be dosed. Not yet
   * recruiting has no participants; SUSPENDED, TERMINATED, COMPLETED and WITHDRAWN stop dosing.
   */
  public static final Set<String> DOSING_STATUSES =
      Set.of("RECRUITING", "ENROLLING_BY_INVITATION", "ACTIVE_NOT_RECRUITING");

  private TrialSettings() {}

  static void requireFound(TrialProtocol protocol) {
    requireFound(protocol == null ? "" : protocol.getTrialId(), protocol);
  }

  /** Refuses when recruitment-service answered that it knows no trial {@code trialId}. */
  public static void requireFound(String trialId, TrialProtocol protocol) {
    if (protocol == null || !protocol.getFound()) {
      throw Problems.UNKNOWN_TRIAL.problem(
          "recruitment-service knows no trial "
              + trialId
              + ": its protocol settings cannot be read");
    }
  }

  static Problem refused(TrialProtocol protocol, List<Violation> problems) {
    return Problems.TRIAL_SETTINGS.problem(
        "Trial "
            + protocol.getTrialId()
            + " lacks settings this needs: "
            + String.join(", ", problems.stream().map(Violation::field).toList()),
        problems);
  }

  /** The site's time zone, which judges every visit window and dosing day at that site. */
  public static ZoneId zone(TrialProtocol protocol, String siteCode) {
    requireFound(protocol);
    var field = "sites[" + siteCode + "].timeZone";
    var site =
        protocol.getSitesList().stream()
            .filter(s -> s.getCode().equals(siteCode))
            .findFirst()
            .orElseThrow(
                () ->
                    refused(
                        protocol,
                        List.of(
                            new Violation(
                                "sites[" + siteCode + "]", "the site is not part of the trial"))));
    if (!site.hasTimeZone() || site.getTimeZone().isBlank()) {
      throw refused(protocol, List.of(new Violation(field, NOT_CONFIGURED)));
    }
    try {
      return ZoneId.of(site.getTimeZone());
    } catch (DateTimeException e) {
      throw refused(
          protocol, List.of(new Violation(field, "is not a time zone: " + site.getTimeZone())));
    }
  }

  /** Refuses unless the trial's recruitment status allows dosing, naming the status. */
  public static void requireDosing(String trialId, String status) {
    if (status == null || status.isBlank()) {
      throw Problems.TRIAL_NOT_DOSING.problem(
          "The dose is refused: trial " + trialId + " has no known status");
    }
    if (!DOSING_STATUSES.contains(status)) {
      throw Problems.TRIAL_NOT_DOSING.problem(
          "The dose is refused: trial " + trialId + " is " + status + ", which stops dosing");
    }
  }
}

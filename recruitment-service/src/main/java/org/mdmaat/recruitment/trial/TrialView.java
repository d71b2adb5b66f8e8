package org.mdmaat.recruitment.trial;

import java.time.Instant;
import java.util.List;
import org.mdmaat.recruitment.eligibility.EligibilityRule;

/** A trial as its sponsor sees it. The randomization seed is never part of it. */
public record TrialView(
    String id,
    String sponsor,
    String protocolCode,
    String title,
    TrialPhase phase,
    String condition,
    int targetEnrollment,
    TrialStatus status,
    List<SiteView> sites,
    Eligibility eligibility,
    Randomization randomization,
    RegimenSettings regimen,
    VisitTemplateSettings visitTemplate,
    boolean blinded,
    Instant unblindedAt,
    String unblindedBy,
    String unblindingReason,
    Instant outcomeDataLockedAt,
    Instant createdAt) {

  /** A site; {@code timeZone} is null when the trial never set one (trials before V3). */
  public record SiteView(String code, String country, String city, String timeZone) {
    static SiteView of(TrialSite site) {
      return new SiteView(site.code, site.country, site.city, site.timeZone);
    }
  }

  /**
   * The pre-screen rules and the screening CAPS-5 threshold of the eligibility signature ({@code
   * screeningCaps5MinTotal}, null while the sponsor has not set it).
   */
  public record Eligibility(
      String ruleSet, List<EligibilityRule> rules, Integer screeningCaps5MinTotal) {}

  public record Randomization(
      List<Integer> blockSizes, boolean stratifyByDissociativeSubtype, SeedHandling seedHandling) {}
}

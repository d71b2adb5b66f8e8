package org.mdmaat.session.participant;

import java.util.ArrayList;
import java.util.List;
import org.mdmaat.contracts.grpc.recruitment.DosingRegimen;
import org.mdmaat.contracts.grpc.recruitment.TrialProtocol;
import org.mdmaat.platform.problem.Violation;

/**
 * A trial's dosing regimen exactly as recruitment-service holds it. There are no defaults: a
 * setting the dose needs and the trial never configured refuses the dose, naming the setting; a 0
 * is a 0. A supplemental fraction of 0 is the trial's explicit "no supplemental dose", and then the
 * supplemental window is not needed.
 *
 * <p>Settings only one kind uses are null for the other: fixed split uses the initial doses and the
 * first session's dose, weight-based the mg/kg range and the cap per dose.
 */
public record DoseRegimen(
    Kind kind,
    List<Double> initialDosesMgHcl,
    Double firstSessionInitialMgHcl,
    double supplementalFraction,
    Double minMgPerKg,
    Double maxMgPerKg,
    Double capMgHclPerDose,
    Integer supplementalEarliestMinutes,
    Integer supplementalLatestMinutes,
    double maxMgHclPerSession) {

  public enum Kind {
    FIXED_SPLIT,
    WEIGHT_BASED
  }

  /** Whether the trial allows a supplemental dose at all. */
  public boolean supplementalAllowed() {
    return supplementalFraction > 0;
  }

  /**
   * The regimen of {@code protocol}; a {@link TrialSettings#refused} problem naming every setting
   * that is missing or impossible.
   */
  public static DoseRegimen of(TrialProtocol protocol) {
    TrialSettings.requireFound(protocol);
    if (!protocol.hasRegimen()) {
      throw TrialSettings.refused(
          protocol, List.of(new Violation("regimen", TrialSettings.NOT_CONFIGURED)));
    }
    DosingRegimen r = protocol.getRegimen();
    var missing = new ArrayList<Violation>();
    Kind kind =
        switch (r.getKind()) {
          case FIXED_SPLIT -> Kind.FIXED_SPLIT;
          case WEIGHT_BASED -> Kind.WEIGHT_BASED;
          case REGIMEN_KIND_UNSPECIFIED, UNRECOGNIZED -> {
            missing.add(new Violation("regimen.kind", TrialSettings.NOT_CONFIGURED));
            yield null;
          }
        };
    if (kind == Kind.FIXED_SPLIT) {
      if (r.getInitialDosesMgHclCount() == 0) {
        missing.add(new Violation("regimen.initialDosesMgHcl", TrialSettings.NOT_CONFIGURED));
      } else if (r.getInitialDosesMgHclList().stream().anyMatch(d -> !(d > 0))) {
        missing.add(new Violation("regimen.initialDosesMgHcl", "every dose must be above 0"));
      }
      positive(
          r.hasFirstSessionInitialMgHcl(),
          r.getFirstSessionInitialMgHcl(),
          "regimen.firstSessionInitialMgHcl",
          missing);
    }
    if (kind == Kind.WEIGHT_BASED) {
      positive(r.hasMinMgPerKg(), r.getMinMgPerKg(), "regimen.minMgPerKg", missing);
      positive(r.hasMaxMgPerKg(), r.getMaxMgPerKg(), "regimen.maxMgPerKg", missing);
      positive(r.hasCapMgHclPerDose(), r.getCapMgHclPerDose(), "regimen.capMgHclPerDose", missing);
      if (r.hasMinMgPerKg() && r.hasMaxMgPerKg() && r.getMinMgPerKg() > r.getMaxMgPerKg()) {
        missing.add(new Violation("regimen.minMgPerKg", "is above maxMgPerKg"));
      }
    }
    if (!r.hasSupplementalFraction()) {
      missing.add(new Violation("regimen.supplementalFraction", TrialSettings.NOT_CONFIGURED));
    } else if (r.getSupplementalFraction() < 0 || r.getSupplementalFraction() > 1) {
      missing.add(new Violation("regimen.supplementalFraction", "must lie between 0 and 1"));
    } else if (r.getSupplementalFraction() > 0) {
      // Only a trial with a supplemental dose needs its window.
      if (!r.hasSupplementalEarliestMinutes()) {
        missing.add(
            new Violation("regimen.supplementalEarliestMinutes", TrialSettings.NOT_CONFIGURED));
      }
      if (!r.hasSupplementalLatestMinutes()) {
        missing.add(
            new Violation("regimen.supplementalLatestMinutes", TrialSettings.NOT_CONFIGURED));
      }
      if (r.hasSupplementalEarliestMinutes()
          && r.hasSupplementalLatestMinutes()
          && (r.getSupplementalEarliestMinutes() < 0
              || r.getSupplementalEarliestMinutes() > r.getSupplementalLatestMinutes())) {
        missing.add(
            new Violation(
                "regimen.supplementalEarliestMinutes",
                "must lie between 0 and supplementalLatestMinutes"));
      }
    }
    positive(
        r.hasMaxMgHclPerSession(),
        r.getMaxMgHclPerSession(),
        "regimen.maxMgHclPerSession",
        missing);
    if (!missing.isEmpty()) {
      throw TrialSettings.refused(protocol, missing);
    }
    boolean supplemental = r.getSupplementalFraction() > 0;
    return new DoseRegimen(
        kind,
        List.copyOf(r.getInitialDosesMgHclList()),
        kind == Kind.FIXED_SPLIT ? r.getFirstSessionInitialMgHcl() : null,
        r.getSupplementalFraction(),
        kind == Kind.WEIGHT_BASED ? r.getMinMgPerKg() : null,
        kind == Kind.WEIGHT_BASED ? r.getMaxMgPerKg() : null,
        kind == Kind.WEIGHT_BASED ? r.getCapMgHclPerDose() : null,
        supplemental ? r.getSupplementalEarliestMinutes() : null,
        supplemental ? r.getSupplementalLatestMinutes() : null,
        r.getMaxMgHclPerSession());
  }

  private static void positive(boolean present, double value, String path, List<Violation> out) {
    if (!present) {
      out.add(new Violation(path, TrialSettings.NOT_CONFIGURED));
    } else if (!(value > 0)) {
      out.add(new Violation(path, "must be above 0"));
    }
  }
}

package org.mdmaat.session.participant;

import java.util.List;
import org.mdmaat.contracts.grpc.recruitment.DosingRegimen;
import org.mdmaat.contracts.grpc.recruitment.RegimenKind;
import org.mdmaat.contracts.grpc.recruitment.TrialProtocol;

/**
 * A trial's dosing regimen with MAPP defaults for every setting left unset (0 or empty): fixed
 * split, initial 80 or 120 mg HCl (80 at the first experimental session), supplemental half the
 * initial 90 to 120 minutes after it, at most 180 mg HCl a session. Weight-based defaults
 * (assumed): 0.75 to 1.5 mg/kg, at most 120 mg HCl per dose.
 */
public record DoseRegimen(
    Kind kind,
    List<Double> initialDosesMgHcl,
    double firstSessionInitialMgHcl,
    double supplementalFraction,
    double minMgPerKg,
    double maxMgPerKg,
    double capMgHclPerDose,
    int supplementalEarliestMinutes,
    int supplementalLatestMinutes,
    double maxMgHclPerSession) {

  public enum Kind {
    FIXED_SPLIT,
    WEIGHT_BASED
  }

  public static final DoseRegimen MAPP =
      new DoseRegimen(
          Kind.FIXED_SPLIT, List.of(80.0, 120.0), 80, 0.5, 0.75, 1.5, 120, 90, 120, 180);

  public static DoseRegimen of(TrialProtocol protocol) {
    if (protocol == null || !protocol.getFound() || !protocol.hasRegimen()) {
      return MAPP;
    }
    DosingRegimen r = protocol.getRegimen();
    var kind = r.getKind() == RegimenKind.WEIGHT_BASED ? Kind.WEIGHT_BASED : Kind.FIXED_SPLIT;
    return new DoseRegimen(
        kind,
        r.getInitialDosesMgHclList().isEmpty()
            ? MAPP.initialDosesMgHcl
            : List.copyOf(r.getInitialDosesMgHclList()),
        or(r.getFirstSessionInitialMgHcl(), MAPP.firstSessionInitialMgHcl),
        or(r.getSupplementalFraction(), MAPP.supplementalFraction),
        or(r.getMinMgPerKg(), MAPP.minMgPerKg),
        or(r.getMaxMgPerKg(), MAPP.maxMgPerKg),
        or(r.getCapMgHclPerDose(), MAPP.capMgHclPerDose),
        r.getSupplementalEarliestMinutes() > 0
            ? r.getSupplementalEarliestMinutes()
            : MAPP.supplementalEarliestMinutes,
        r.getSupplementalLatestMinutes() > 0
            ? r.getSupplementalLatestMinutes()
            : MAPP.supplementalLatestMinutes,
        or(r.getMaxMgHclPerSession(), MAPP.maxMgHclPerSession));
  }

  private static double or(double value, double fallback) {
    return value > 0 ? value : fallback;
  }
}

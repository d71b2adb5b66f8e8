package org.mdmaat.recruitment.trial;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The dosing regimen session-service applies. Every field may be omitted when a trial is created;
 * {@link #withDefaults()} then fills in MAPP's (80 or 120 mg HCl, 80 mg in the first session, a
 * half-dose supplement 90-120 minutes later, at most 180 mg a session; weight-based 0.75-1.5 mg/kg
 * capped at 120 mg a dose (assumed)) and the trial stores them explicitly. A given 0 stays 0 (e.g.
 * {@code supplementalFraction: 0}: no supplemental dose). Reading never fills defaults: what is
 * stored is what is served.
 */
public record RegimenSettings(
    RegimenKind kind,
    @Size(min = 1, max = 10)
        List<@NotNull @DecimalMin("1.0") @DecimalMax("500.0") Double> initialDosesMgHcl,
    @DecimalMin("1.0") @DecimalMax("500.0") Double firstSessionInitialMgHcl,
    @DecimalMin("0.0") @DecimalMax("1.0") Double supplementalFraction,
    @DecimalMin("0.01") @DecimalMax("10.0") Double minMgPerKg,
    @DecimalMin("0.01") @DecimalMax("10.0") Double maxMgPerKg,
    @DecimalMin("1.0") @DecimalMax("500.0") Double capMgHclPerDose,
    @Min(0) @Max(600) Integer supplementalEarliestMinutes,
    @Min(0) @Max(600) Integer supplementalLatestMinutes,
    @DecimalMin("1.0") @DecimalMax("1000.0") Double maxMgHclPerSession) {

  public static final RegimenSettings MAPP =
      new RegimenSettings(
          RegimenKind.FIXED_SPLIT,
          List.of(80.0, 120.0),
          80.0,
          0.5,
          0.75,
          1.5,
          120.0,
          90,
          120,
          180.0);

  /** MAPP's value for each field left null; only for a trial being created. */
  public RegimenSettings withDefaults() {
    return new RegimenSettings(
        or(kind, MAPP.kind),
        or(initialDosesMgHcl, MAPP.initialDosesMgHcl),
        or(firstSessionInitialMgHcl, MAPP.firstSessionInitialMgHcl),
        or(supplementalFraction, MAPP.supplementalFraction),
        or(minMgPerKg, MAPP.minMgPerKg),
        or(maxMgPerKg, MAPP.maxMgPerKg),
        or(capMgHclPerDose, MAPP.capMgHclPerDose),
        or(supplementalEarliestMinutes, MAPP.supplementalEarliestMinutes),
        or(supplementalLatestMinutes, MAPP.supplementalLatestMinutes),
        or(maxMgHclPerSession, MAPP.maxMgHclPerSession));
  }

  private static <T> T or(T value, T fallback) {
    return value == null ? fallback : value;
  }
}

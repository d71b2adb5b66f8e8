package org.mdmaat.session.dosing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.mdmaat.platform.problem.Violation;
import org.mdmaat.session.participant.DoseRegimen;

/**
 * The trial's regimen applied to one dose. Fixed split: the initial dose is one of the allowed
 * doses (the first experimental session's own dose there), the supplemental one exactly the
 * regimen's fraction of it. Weight-based: the initial dose lies in the mg/kg range for the
 * participant's weight, the supplemental one is the fraction of it, each below the cap per dose.
 * Both: the supplemental dose only when the trial has one, inside its window after the initial one,
 * and never more than the maximum per session. The window's opening counts from the initial dose's
 * time, but never from earlier than {@code lateAfter} before the initial dose was entered: a
 * back-dated initial dose cannot make an early supplemental dose look on time.
 */
public final class DoseRules {
  private static final double TOLERANCE_MG = 0.005;

  private DoseRules() {}

  /**
   * Where the supplemental window's opening counts from: the initial dose's time, but never earlier
   * than {@code lateAfter} before it was entered.
   */
  public static Instant windowCountsFrom(Dose initial, Duration lateAfter) {
    var knownFrom = initial.recordedAt == null ? null : initial.recordedAt.minus(lateAfter);
    return knownFrom != null && knownFrom.isAfter(initial.administeredAt)
        ? knownFrom
        : initial.administeredAt;
  }

  /** What the dose breaks; empty when it follows the regimen. */
  public static List<Violation> check(
      DoseRegimen regimen,
      int experimentalNumber,
      double weightKg,
      boolean supplemental,
      BigDecimal mgHcl,
      Dose initial,
      Instant administeredAt,
      Duration lateAfter) {
    var violations = new ArrayList<Violation>();
    double mg = mgHcl.doubleValue();
    if (!supplemental) {
      if (regimen.kind() == DoseRegimen.Kind.FIXED_SPLIT) {
        if (experimentalNumber == 1) {
          if (!same(mg, regimen.firstSessionInitialMgHcl())) {
            violations.add(
                new Violation(
                    "mgHcl",
                    "the first experimental session's initial dose is "
                        + plain(regimen.firstSessionInitialMgHcl())
                        + " mg HCl"));
          }
        } else if (regimen.initialDosesMgHcl().stream().noneMatch(d -> same(mg, d))) {
          violations.add(
              new Violation(
                  "mgHcl",
                  "the initial dose must be one of "
                      + regimen.initialDosesMgHcl().stream().map(DoseRules::plain).toList()
                      + " mg HCl"));
        }
      } else {
        weightBasedInitial(regimen, weightKg, mg, violations);
      }
      if (mg > regimen.maxMgHclPerSession() + TOLERANCE_MG) {
        violations.add(
            new Violation(
                "mgHcl",
                "more than the protocol maximum of "
                    + plain(regimen.maxMgHclPerSession())
                    + " mg HCl per session"));
      }
      return violations;
    }

    if (!regimen.supplementalAllowed()) {
      violations.add(new Violation("supplemental", "the trial's regimen has no supplemental dose"));
      return violations;
    }
    if (initial == null) {
      violations.add(new Violation("supplemental", "no initial dose was given in this session"));
      return violations;
    }
    long seconds = Duration.between(initial.administeredAt, administeredAt).toSeconds();
    var opensFrom = windowCountsFrom(initial, lateAfter);
    long secondsSinceOpening = Duration.between(opensFrom, administeredAt).toSeconds();
    if (secondsSinceOpening < regimen.supplementalEarliestMinutes() * 60L
        || seconds > regimen.supplementalLatestMinutes() * 60L) {
      violations.add(
          new Violation(
              "administeredAt",
              "the supplemental dose is given "
                  + regimen.supplementalEarliestMinutes()
                  + " to "
                  + regimen.supplementalLatestMinutes()
                  + " minutes after the initial dose, not "
                  + Math.floorDiv(seconds, 60)
                  + " minutes"
                  + (opensFrom.equals(initial.administeredAt)
                      ? ""
                      : " (the initial dose was entered late: its window opens "
                          + regimen.supplementalEarliestMinutes()
                          + " minutes after "
                          + opensFrom
                          + ")")));
    }
    double expected = initial.mgHcl.doubleValue() * regimen.supplementalFraction();
    if (!same(mg, expected)) {
      violations.add(
          new Violation(
              "mgHcl",
              "the supplemental dose is "
                  + plain(regimen.supplementalFraction())
                  + " of the initial dose: "
                  + plain(expected)
                  + " mg HCl"));
    }
    if (regimen.kind() == DoseRegimen.Kind.WEIGHT_BASED
        && mg > regimen.capMgHclPerDose() + TOLERANCE_MG) {
      violations.add(
          new Violation(
              "mgHcl",
              "above the cap of " + plain(regimen.capMgHclPerDose()) + " mg HCl per dose"));
    }
    double total = initial.mgHcl.doubleValue() + mg;
    if (total > regimen.maxMgHclPerSession() + TOLERANCE_MG) {
      violations.add(
          new Violation(
              "mgHcl",
              "the session would total "
                  + plain(total)
                  + " mg HCl, above the protocol maximum of "
                  + plain(regimen.maxMgHclPerSession())));
    }
    return violations;
  }

  private static void weightBasedInitial(
      DoseRegimen regimen, double weightKg, double mg, List<Violation> violations) {
    if (weightKg <= 0) {
      violations.add(
          new Violation(
              "mgHcl", "the participant's weight is not recorded: a mg/kg dose cannot be checked"));
      return;
    }
    double low = regimen.minMgPerKg() * weightKg;
    double high = regimen.maxMgPerKg() * weightKg;
    if (mg < low - TOLERANCE_MG || mg > high + TOLERANCE_MG) {
      violations.add(
          new Violation(
              "mgHcl",
              "outside "
                  + plain(regimen.minMgPerKg())
                  + "–"
                  + plain(regimen.maxMgPerKg())
                  + " mg/kg for "
                  + plain(weightKg)
                  + " kg ("
                  + plain(low)
                  + "–"
                  + plain(high)
                  + " mg HCl)"));
    }
    if (mg > regimen.capMgHclPerDose() + TOLERANCE_MG) {
      violations.add(
          new Violation(
              "mgHcl",
              "above the cap of " + plain(regimen.capMgHclPerDose()) + " mg HCl per dose"));
    }
  }

  /** mg base for mg HCl, to 0.01 mg. */
  public static BigDecimal base(BigDecimal mgHcl, BigDecimal factor) {
    return mgHcl.multiply(factor).setScale(2, RoundingMode.HALF_UP);
  }

  private static boolean same(double a, double b) {
    return Math.abs(a - b) <= TOLERANCE_MG;
  }

  private static String plain(double value) {
    return BigDecimal.valueOf(value)
        .setScale(2, RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }
}

package org.mdmaat.safety.adverse;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import org.mdmaat.platform.problem.Violation;
import org.mdmaat.safety.Problems;

/** Rules between an adverse event's fields that Bean Validation cannot express. */
final class AdverseEventRules {
  /** Clocks of devices and servers differ a little; more than this ahead is the future. */
  private static final long SKEW_MINUTES = 5;

  private AdverseEventRules() {}

  /**
   * 422 naming each field that breaks a rule. {@code investigator}: the reporter is an
   * investigator, the only one who may confirm a grade 4 event that meets no seriousness criterion.
   */
  static void check(AdverseEventDetails d, boolean investigator) {
    var violations = new ArrayList<Violation>();
    var criteria = d.seriousness();
    boolean death = criteria.contains(SeriousnessCriterion.DEATH);
    if (d.allCategories().isEmpty()) {
      violations.add(new Violation("event.categories", "names no category"));
    }
    if (d.grade() == 5 && !death) {
      violations.add(new Violation("event.seriousness", "grade 5 (death) must include DEATH"));
    }
    if (death && d.grade() != 5) {
      violations.add(new Violation("event.grade", "an event with DEATH is grade 5"));
    }
    if (death != (d.outcome() == AdverseEventOutcome.FATAL)) {
      violations.add(new Violation("event.outcome", "FATAL outcome and DEATH go together"));
    }
    var latest = Instant.now().plus(SKEW_MINUTES, ChronoUnit.MINUTES);
    if (d.onset().toInstant().isAfter(latest)) {
      violations.add(new Violation("event.onset", "lies in the future"));
    }
    if (d.awareness().toInstant().isAfter(latest)) {
      violations.add(new Violation("event.awareness", "lies in the future"));
    }
    if (d.awareness().toInstant().isBefore(d.onset().toInstant())) {
      violations.add(new Violation("event.awareness", "lies before the onset"));
    }
    // CTCAE grade 4 is life-threatening by definition: calling it not serious is a judgement an
    // investigator must make explicitly, not a form left blank.
    if (d.grade() >= 4 && criteria.isEmpty()) {
      if (!d.gradeConfirmed()) {
        violations.add(
            new Violation(
                "event.nonSeriousGradeConfirmed",
                "grade "
                    + d.grade()
                    + " without a seriousness criterion needs an investigator's"
                    + " explicit confirmation"));
      } else if (!investigator) {
        violations.add(
            new Violation("event.nonSeriousGradeConfirmed", "only an investigator may confirm it"));
      }
    }
    if (!violations.isEmpty()) {
      throw Problems.ADVERSE_EVENT_INCONSISTENT.problem("Inconsistent adverse event", violations);
    }
  }
}

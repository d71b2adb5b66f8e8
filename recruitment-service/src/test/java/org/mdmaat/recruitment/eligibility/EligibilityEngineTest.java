package org.mdmaat.recruitment.eligibility;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine against the shipped MAPP1 and MAPP2 rule sets (DOMAIN.md's criteria). */
class EligibilityEngineTest {
  private static final RuleSets RULE_SETS =
      new RuleSets(new ObjectMapper().findAndRegisterModules());
  private static final List<EligibilityRule> MAPP1 = RULE_SETS.named("MAPP1").orElseThrow();
  private static final List<EligibilityRule> MAPP2 = RULE_SETS.named("MAPP2").orElseThrow();

  /** A candidate who meets every MAPP criterion. */
  private static PreScreenAnswers eligible() {
    return new PreScreenAnswers(
        34,
        60,
        Collections.nCopies(20, 3),
        null,
        null,
        List.of(Diagnosis.PTSD),
        List.of(),
        List.of(),
        false,
        false,
        72.5,
        true,
        true,
        false,
        true,
        true,
        true,
        true,
        null);
  }

  private static Verdict mapp1(PreScreenAnswers answers) {
    return EligibilityEngine.evaluate(MAPP1, answers.facts());
  }

  private static Verdict mapp2(PreScreenAnswers answers) {
    return EligibilityEngine.evaluate(MAPP2, answers.facts());
  }

  private static List<String> named(Verdict verdict) {
    return verdict.findings().stream().map(Finding::criterion).toList();
  }

  @Test
  void aCandidateMeetingEveryCriterionIsEligibleUnderBothTrials() {
    assertThat(mapp1(eligible()).result()).isEqualTo(Result.ELIGIBLE);
    assertThat(mapp1(eligible()).findings()).isEmpty();
    assertThat(mapp2(eligible()).result()).isEqualTo(Result.ELIGIBLE);
  }

  @Test
  void aCaps5TotalOf30FailsMapp1sThresholdOf35ButPassesMapp2s28() {
    var answers = with(eligible(), 30);
    var first = mapp1(answers);
    assertThat(first.result()).isEqualTo(Result.NOT_ELIGIBLE);
    assertThat(named(first)).containsExactly("caps5-severity");
    assertThat(first.findings().get(0).message()).contains("35");
    assertThat(mapp2(answers).result()).isEqualTo(Result.ELIGIBLE);

    var below = with(eligible(), 27);
    assertThat(named(mapp2(below))).containsExactly("caps5-severity");
  }

  @Test
  void namesEveryFailedCriterionNotJustTheFirst() {
    var a = eligible();
    var answers =
        new PreScreenAnswers(
            17,
            4,
            a.pcl5Items(),
            null,
            null,
            List.of(Diagnosis.PTSD, Diagnosis.BIPOLAR_I, Diagnosis.ALCOHOL_USE_DISORDER),
            List.of(),
            List.of(CardiovascularCondition.UNCONTROLLED_HYPERTENSION),
            true,
            false,
            45.0,
            false,
            false,
            false,
            false,
            true,
            true,
            true,
            null);
    for (var verdict : List.of(mapp1(answers), mapp2(answers))) {
      assertThat(verdict.result()).isEqualTo(Result.NOT_ELIGIBLE);
      assertThat(named(verdict))
          .containsExactlyInAnyOrder(
              "age",
              "ptsd-duration",
              "psychiatric-exclusions",
              "substance-use",
              "pregnancy",
              "cardiovascular",
              "weight");
      assertThat(verdict.findings()).allMatch(f -> f.outcome() == Result.NOT_ELIGIBLE);
    }
  }

  @Test
  void aLowSelfReportedPcl5NeedsAClinicianNotARefusal() {
    var a = eligible();
    var low =
        new PreScreenAnswers(
            a.age(),
            a.ptsdDurationMonths(),
            null,
            20,
            null,
            a.diagnoses(),
            a.medications(),
            a.cardiovascularHistory(),
            a.pregnant(),
            a.lactating(),
            a.weightKg(),
            a.veteran(),
            a.combatExposure(),
            a.traumaticBrainInjury(),
            a.dissociativeSubtype(),
            a.emergencyContact(),
            a.agreesToRecordings(),
            a.agreesToOvernightStay(),
            null);
    var verdict = mapp2(low);
    assertThat(verdict.result()).isEqualTo(Result.NEEDS_CLINICIAN_REVIEW);
    assertThat(named(verdict)).containsExactly("pcl5-provisional-ptsd");
    // 20 items of 1 also total 20: items count like the total.
    assertThat(eligible().pcl5TotalScore()).isEqualTo(60);
  }

  @Test
  void unansweredQuestionsNeedReviewAndNeverPass() {
    var empty =
        new PreScreenAnswers(
            null, null, null, null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null);
    var verdict = mapp1(empty);
    assertThat(verdict.result()).isEqualTo(Result.NEEDS_CLINICIAN_REVIEW);
    // Every criterion but the optional CAPS-5 one is named.
    assertThat(named(verdict)).hasSize(MAPP1.size() - 1).doesNotContain("caps5-severity");
    assertThat(verdict.findings()).allMatch(f -> f.message().startsWith("Not answered"));
  }

  @Test
  void psychiatricMedicationWithoutATaperDateNeedsReview() {
    var a = eligible();
    var untapered = withMedications(a, List.of(new Medication("sertraline", true, null)));
    assertThat(mapp2(untapered).result()).isEqualTo(Result.NEEDS_CLINICIAN_REVIEW);
    assertThat(named(mapp2(untapered))).containsExactly("psychiatric-medication-taper");

    var tapering =
        withMedications(
            a,
            List.of(
                new Medication("sertraline", true, LocalDate.of(2030, 1, 15)),
                new Medication("ibuprofen", false, null)));
    assertThat(mapp2(tapering).result()).isEqualTo(Result.ELIGIBLE);
  }

  @Test
  void theDissociativeSubtypeIsAllowed() {
    assertThat(eligible().dissociativeSubtype()).isTrue();
    assertThat(mapp1(eligible()).result()).isEqualTo(Result.ELIGIBLE);
  }

  @Test
  void ruleSetsThatCannotBeEvaluatedAreRefusedNamingTheField() {
    var unknownField =
        new EligibilityRule(
            "x",
            CriterionKind.INCLUSION,
            "shoeSize",
            Operator.GTE,
            IntNode.valueOf(3),
            null,
            null,
            "big feet");
    var wrongOperator =
        new EligibilityRule(
            "y",
            CriterionKind.EXCLUSION,
            "pregnant",
            Operator.GTE,
            IntNode.valueOf(1),
            null,
            null,
            "no");
    var violations = RuleCheck.check(List.of(unknownField, wrongOperator), "eligibility.rules");
    assertThat(violations)
        .extracting(v -> v.field())
        .containsExactly("eligibility.rules[0].field", "eligibility.rules[1].value");
    assertThat(RuleCheck.check(MAPP1, "r")).isEmpty();
    assertThat(RuleCheck.check(MAPP2, "r")).isEmpty();
  }

  private static PreScreenAnswers with(PreScreenAnswers a, Integer caps5) {
    return new PreScreenAnswers(
        a.age(),
        a.ptsdDurationMonths(),
        a.pcl5Items(),
        a.pcl5Total(),
        caps5,
        a.diagnoses(),
        a.medications(),
        a.cardiovascularHistory(),
        a.pregnant(),
        a.lactating(),
        a.weightKg(),
        a.veteran(),
        a.combatExposure(),
        a.traumaticBrainInjury(),
        a.dissociativeSubtype(),
        a.emergencyContact(),
        a.agreesToRecordings(),
        a.agreesToOvernightStay(),
        null);
  }

  private static PreScreenAnswers withMedications(PreScreenAnswers a, List<Medication> meds) {
    return new PreScreenAnswers(
        a.age(),
        a.ptsdDurationMonths(),
        a.pcl5Items(),
        a.pcl5Total(),
        a.caps5Total(),
        a.diagnoses(),
        meds,
        a.cardiovascularHistory(),
        a.pregnant(),
        a.lactating(),
        a.weightKg(),
        a.veteran(),
        a.combatExposure(),
        a.traumaticBrainInjury(),
        a.dissociativeSubtype(),
        a.emergencyContact(),
        a.agreesToRecordings(),
        a.agreesToOvernightStay(),
        null);
  }

  @Test
  void thePregnancyQuestionDoesNotApplyToACandidateWhoCannotBecomePregnant() {
    // Unanswered, for someone who cannot become pregnant: nothing for a clinician to ask.
    var cannot = pregnancy(eligible(), null, false);
    assertThat(mapp2(cannot).result()).isEqualTo(Result.ELIGIBLE);
    assertThat(named(mapp2(cannot))).doesNotContain("pregnancy");
    // Unanswered with childbearing potential, or not said: a clinician asks.
    assertThat(named(mapp2(pregnancy(eligible(), null, true)))).contains("pregnancy");
    assertThat(mapp2(pregnancy(eligible(), null, null)).result())
        .isEqualTo(Result.NEEDS_CLINICIAN_REVIEW);
    // A "yes" always counts, whatever else was said.
    assertThat(mapp2(pregnancy(eligible(), true, false)).result()).isEqualTo(Result.NOT_ELIGIBLE);
  }

  private static PreScreenAnswers pregnancy(
      PreScreenAnswers a, Boolean pregnant, Boolean childbearingPotential) {
    return new PreScreenAnswers(
        a.age(),
        a.ptsdDurationMonths(),
        a.pcl5Items(),
        a.pcl5Total(),
        a.caps5Total(),
        a.diagnoses(),
        a.medications(),
        a.cardiovascularHistory(),
        pregnant,
        a.lactating(),
        a.weightKg(),
        a.veteran(),
        a.combatExposure(),
        a.traumaticBrainInjury(),
        a.dissociativeSubtype(),
        a.emergencyContact(),
        a.agreesToRecordings(),
        a.agreesToOvernightStay(),
        childbearingPotential);
  }
}

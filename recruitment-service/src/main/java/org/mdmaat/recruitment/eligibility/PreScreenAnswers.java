package org.mdmaat.recruitment.eligibility;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A candidate's self-reported answers. Every answer is optional: a missing one leads to clinician
 * review (or is ignored where the rule says so), never to a pass.
 *
 * @param pcl5Items the 20 PCL-5 items, 0-4 each; or give {@code pcl5Total}
 * @param caps5Total a clinician-administered CAPS-5 total, when the candidate has one
 * @param childbearingPotential false when the candidate cannot become pregnant: the pregnancy
 *     question then does not apply, so leaving it unanswered does not need a clinician
 */
public record PreScreenAnswers(
    @Min(0) @Max(120) Integer age,
    @Min(0) @Max(1200) Integer ptsdDurationMonths,
    @Size(min = 20, max = 20) List<@NotNull @Min(0) @Max(4) Integer> pcl5Items,
    @Min(0) @Max(80) Integer pcl5Total,
    @Min(0) @Max(80) Integer caps5Total,
    @Size(max = 30) List<@NotNull Diagnosis> diagnoses,
    @Size(max = 50) List<@Valid @NotNull Medication> medications,
    @Size(max = 20) List<@NotNull CardiovascularCondition> cardiovascularHistory,
    Boolean pregnant,
    Boolean lactating,
    @DecimalMin("20.0") @DecimalMax("400.0") Double weightKg,
    Boolean veteran,
    Boolean combatExposure,
    Boolean traumaticBrainInjury,
    Boolean dissociativeSubtype,
    Boolean emergencyContact,
    Boolean agreesToRecordings,
    Boolean agreesToOvernightStay,
    Boolean childbearingPotential) {

  /** The PCL-5 total: the sum of the items when given, else the total given. */
  public Integer pcl5TotalScore() {
    if (pcl5Items != null) {
      return pcl5Items.stream().mapToInt(Integer::intValue).sum();
    }
    return pcl5Total;
  }

  /** Whether items and total were both given and disagree. */
  public boolean pcl5Inconsistent() {
    return pcl5Items != null && pcl5Total != null && !pcl5Total.equals(pcl5TotalScore());
  }

  /** The answers as the facts rules name ({@link AnswerField}); unanswered ones are absent. */
  public Map<String, Object> facts() {
    var facts = new HashMap<String, Object>();
    put(facts, AnswerField.AGE, age);
    put(facts, AnswerField.PTSD_DURATION_MONTHS, ptsdDurationMonths);
    put(facts, AnswerField.PCL5_TOTAL, pcl5TotalScore());
    put(facts, AnswerField.CAPS5_TOTAL, caps5Total);
    if (diagnoses != null) {
      put(facts, AnswerField.DIAGNOSES, diagnoses.stream().map(Enum::name).toList());
    }
    if (medications != null) {
      var psychiatric = medications.stream().filter(m -> m.psychiatric()).toList();
      put(facts, AnswerField.PSYCHIATRIC_MEDICATIONS, psychiatric.size());
      put(
          facts,
          AnswerField.PSYCHIATRIC_MEDICATIONS_WITHOUT_TAPER_DATE,
          (int) psychiatric.stream().filter(m -> m.taperBy() == null).count());
    }
    if (cardiovascularHistory != null) {
      put(
          facts,
          AnswerField.CARDIOVASCULAR_HISTORY,
          cardiovascularHistory.stream().map(Enum::name).toList());
    }
    // Someone who cannot become pregnant is not pregnant: the question does not apply to them.
    put(
        facts,
        AnswerField.PREGNANT,
        pregnant != null ? pregnant : Boolean.FALSE.equals(childbearingPotential) ? false : null);
    put(facts, AnswerField.CHILDBEARING_POTENTIAL, childbearingPotential);
    put(facts, AnswerField.LACTATING, lactating);
    put(facts, AnswerField.WEIGHT_KG, weightKg);
    put(facts, AnswerField.VETERAN, veteran);
    put(facts, AnswerField.COMBAT_EXPOSURE, combatExposure);
    put(facts, AnswerField.TRAUMATIC_BRAIN_INJURY, traumaticBrainInjury);
    put(facts, AnswerField.DISSOCIATIVE_SUBTYPE, dissociativeSubtype);
    put(facts, AnswerField.EMERGENCY_CONTACT, emergencyContact);
    put(facts, AnswerField.AGREES_TO_RECORDINGS, agreesToRecordings);
    put(facts, AnswerField.AGREES_TO_OVERNIGHT_STAY, agreesToOvernightStay);
    return facts;
  }

  private static void put(Map<String, Object> facts, AnswerField field, Object value) {
    if (value != null) {
      facts.put(field.key, value);
    }
  }
}

package org.mdmaat.recruitment.trial;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.mdmaat.recruitment.eligibility.EligibilityRule;
import org.mdmaat.recruitment.eligibility.RuleSets;

/** Reads and writes the JSON documents a trial row keeps, and builds the trial's views. */
@ApplicationScoped
public class TrialDocuments {
  private final ObjectMapper json;

  private final RuleSets ruleSets;

  TrialDocuments(ObjectMapper json, RuleSets ruleSets) {
    this.json = json;
    this.ruleSets = ruleSets;
  }

  /** The trial's eligibility rules as stored. */
  public List<EligibilityRule> rules(Trial trial) {
    return ruleSets.read(trial.eligibilityRules);
  }

  public List<Integer> blockSizes(Trial trial) {
    return read(trial.blockSizes, new TypeReference<List<Integer>>() {});
  }

  public RegimenSettings regimen(Trial trial) {
    return read(trial.regimen, new TypeReference<RegimenSettings>() {});
  }

  public VisitTemplateSettings visitTemplate(Trial trial) {
    return read(trial.visitTemplate, new TypeReference<VisitTemplateSettings>() {});
  }

  public String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write trial document", e);
    }
  }

  public TrialView view(Trial trial, List<TrialSite> sites) {
    return new TrialView(
        trial.id,
        trial.sponsor,
        trial.protocolCode,
        trial.title,
        TrialPhase.valueOf(trial.phase),
        trial.condition,
        trial.targetEnrollment,
        trial.status,
        sites.stream().map(TrialView.SiteView::of).toList(),
        new TrialView.Eligibility(
            trial.eligibilityRuleSet, rules(trial), trial.screeningCaps5MinTotal),
        new TrialView.Randomization(blockSizes(trial), trial.stratifyBySubtype, trial.seedHandling),
        regimen(trial),
        visitTemplate(trial),
        trial.blinded(),
        trial.unblindedAt,
        trial.unblindedBy,
        trial.unblindingReason,
        trial.outcomeDataLockedAt,
        trial.createdAt);
  }

  private <T> T read(String text, TypeReference<T> type) {
    try {
      return json.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored trial document cannot be read", e);
    }
  }
}

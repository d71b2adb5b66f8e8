package org.mdmaat.recruitment.trial;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.mdmaat.recruitment.eligibility.EligibilityRule;
import org.mdmaat.recruitment.eligibility.RuleSets;

/**
 * Reads and writes the JSON documents a trial row keeps, and builds the trial's views.
 *
 * <p>Every read of a trial (each list row, each pre-screen, each call) needs its documents parsed;
 * they are parsed once per distinct stored text and kept, immutable, keyed by that text itself
 * (issue 19). A change to a document is a different text, hence a miss and a fresh parse: the cache
 * cannot answer with a superseded document, whatever wrote the row.
 */
@ApplicationScoped
public class TrialDocuments {
  /** Distinct documents kept; beyond it the cache starts again (a bound, not a policy). */
  static final int MAX_PARSED = 2048;

  private final ObjectMapper json;

  private final Map<Parsed, Object> parsed = new ConcurrentHashMap<>();

  private final RuleSets ruleSets;

  TrialDocuments(ObjectMapper json, RuleSets ruleSets) {
    this.json = json;
    this.ruleSets = ruleSets;
  }

  /** The trial's eligibility rules as stored. */
  public List<EligibilityRule> rules(Trial trial) {
    return cached(Kind.RULES, trial.eligibilityRules, ruleSets::read);
  }

  public List<Integer> blockSizes(Trial trial) {
    return cached(
        Kind.BLOCK_SIZES,
        trial.blockSizes,
        text -> List.copyOf(read(text, new TypeReference<List<Integer>>() {})));
  }

  public RegimenSettings regimen(Trial trial) {
    return cached(
        Kind.REGIMEN,
        trial.regimen,
        text -> immutable(read(text, new TypeReference<RegimenSettings>() {})));
  }

  public VisitTemplateSettings visitTemplate(Trial trial) {
    return cached(
        Kind.VISIT_TEMPLATE,
        trial.visitTemplate,
        text -> read(text, new TypeReference<VisitTemplateSettings>() {}));
  }

  private enum Kind {
    RULES,
    BLOCK_SIZES,
    REGIMEN,
    VISIT_TEMPLATE
  }

  /** A document's kind and its exact stored text: equal keys parse to equal values. */
  private record Parsed(Kind kind, String text) {}

  @SuppressWarnings("unchecked")
  private <T> T cached(Kind kind, String text, Function<String, T> parse) {
    if (text == null) {
      // Nothing stored is not a document: parse (and fail) as before, never cache.
      return parse.apply(text);
    }
    var key = new Parsed(kind, text);
    var hit = parsed.get(key);
    if (hit != null) {
      return (T) hit;
    }
    var value = parse.apply(text);
    if (parsed.size() >= MAX_PARSED) {
      parsed.clear();
    }
    parsed.putIfAbsent(key, value);
    return value;
  }

  /** The regimen's one list made unmodifiable, as the value is shared between requests. */
  private static RegimenSettings immutable(RegimenSettings r) {
    return r.initialDosesMgHcl() == null
        ? r
        : new RegimenSettings(
            r.kind(),
            List.copyOf(r.initialDosesMgHcl()),
            r.firstSessionInitialMgHcl(),
            r.supplementalFraction(),
            r.minMgPerKg(),
            r.maxMgPerKg(),
            r.capMgHclPerDose(),
            r.supplementalEarliestMinutes(),
            r.supplementalLatestMinutes(),
            r.maxMgHclPerSession());
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

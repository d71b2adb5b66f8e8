package org.mdmaat.outcomes.statistics;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.mdmaat.outcomes.OutcomesConfig;
import org.mdmaat.outcomes.Problems;
import org.mdmaat.outcomes.allocation.ArmVisibility;
import org.mdmaat.outcomes.allocation.Arms;
import org.mdmaat.outcomes.allocation.TrialOwnership;
import org.mdmaat.outcomes.assessment.Assessment;
import org.mdmaat.outcomes.assessment.AssessmentJson;
import org.mdmaat.outcomes.assessment.Timepoint;
import org.mdmaat.outcomes.instrument.Instrument;
import org.mdmaat.outcomes.instrument.InstrumentCatalog;
import org.mdmaat.outcomes.participant.Participants;
import org.mdmaat.outcomes.participant.TrialParticipant;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.security.Bearer;
import org.mdmaat.platform.security.Roles;

/**
 * Trial statistics per timepoint: by arm for unblinded roles (DSMB, unblinded statistician), and
 * for the sponsor and regulators once the trial is unblinded; pooled for everyone else, site staff
 * always ({@link ArmVisibility}). Arms are asked of ParticipantDirectory each time, never guessed.
 */
@ApplicationScoped
public class StatisticsService {
  static final String POOLED = "POOLED";

  private final InstrumentCatalog catalog;
  private final Participants participants;
  private final Arms arms;
  private final AssessmentJson columns;
  private final OutcomesConfig config;

  private final TrialOwnership ownership;

  StatisticsService(
      InstrumentCatalog catalog,
      Participants participants,
      Arms arms,
      AssessmentJson columns,
      OutcomesConfig config,
      TrialOwnership ownership) {
    this.ownership = ownership;
    this.catalog = catalog;
    this.participants = participants;
    this.arms = arms;
    this.columns = columns;
    this.config = config;
  }

  /** Subgroup filters; null means no filter. Sites are limited to the caller's for site staff. */
  public record Filters(Boolean dissociative, Boolean veteran, String siteCode) {}

  /**
   * For {@code reader}, working at {@code sites} (site staff) or of sponsor {@code sponsor}
   * (sponsor and DSMB); arms, where shown, are asked for with the reader's own token.
   */
  public Uni<TrialStatistics> of(
      String trialId,
      String instrumentCode,
      Timepoint only,
      Filters filters,
      Set<String> sites,
      Optional<String> sponsor,
      Actor reader,
      Bearer readerToken) {
    Instrument instrument =
        catalog
            .find(instrumentCode)
            .orElseThrow(() -> Problems.NOT_FOUND.problem("No instrument " + instrumentCode));
    Set<String> included = sitesFor(reader.roles(), sites, filters.siteCode());
    return ownership
        .check(trialId, sponsor, reader.roles())
        .chain(
            () ->
                Panache.withSession(
                    () ->
                        participants
                            .unblinded(trialId)
                            .chain(
                                unblinded ->
                                    TrialParticipant.<TrialParticipant>list("trialId", trialId)
                                        .chain(
                                            people ->
                                                Assessment.<Assessment>list(
                                                        "trialId = ?1 and instrument = ?2",
                                                        trialId,
                                                        instrument.code())
                                                    .map(
                                                        found ->
                                                            new Loaded(
                                                                ArmVisibility.byArm(
                                                                    reader.roles(), unblinded),
                                                                people,
                                                                found))))))
        .chain(
            loaded -> {
              Uni<Map<String, String>> armsOf =
                  loaded.byArm()
                      ? arms.of(trialId, readerToken)
                      : Uni.createFrom().item(Map.<String, String>of());
              return armsOf.map(
                  byParticipant ->
                      compute(trialId, instrument, only, filters, included, loaded, byParticipant));
            });
  }

  private record Loaded(
      boolean byArm, List<TrialParticipant> people, List<Assessment> assessments) {}

  /** Site staff see their own sites only; a site outside them looks like no site at all (404). */
  private static Set<String> sitesFor(Set<String> roles, Set<String> sites, String siteCode) {
    boolean siteStaff =
        !roles.contains(Roles.DSMB)
            && !roles.contains(Roles.UNBLINDED_STATISTICIAN)
            && !roles.contains(Roles.SPONSOR)
            && !roles.contains(Roles.REGULATOR);
    if (siteCode != null) {
      if (siteStaff && !sites.contains(siteCode)) {
        throw Problems.NOT_FOUND.problem("No site " + siteCode);
      }
      return Set.of(siteCode);
    }
    return siteStaff ? sites : null;
  }

  private TrialStatistics compute(
      String trialId,
      Instrument instrument,
      Timepoint only,
      Filters filters,
      Set<String> sites,
      Loaded loaded,
      Map<String, String> armOf) {
    Map<String, TrialParticipant> included = new HashMap<>();
    for (var person : loaded.people()) {
      if ((sites == null || sites.contains(person.siteCode))
          && (filters.dissociative() == null
              || filters.dissociative() == person.dissociativeSubtype)
          && (filters.veteran() == null || filters.veteran() == person.veteran)) {
        included.put(person.participantCode, person);
      }
    }
    var outcome = instrument.outcome();
    String diagnosisFlag = outcome == null ? null : outcome.diagnosisFlag();
    var trialRules = config.trials().get(trialId);
    Integer responseMinDrop =
        outcome == null
            ? null
            : trialRules == null
                ? outcome.responseMinDrop()
                : trialRules.responseMinDrop().orElse(outcome.responseMinDrop());
    Integer remissionMaxTotal =
        outcome == null
            ? null
            : trialRules == null
                ? outcome.remissionMaxTotal()
                : trialRules.remissionMaxTotal().orElse(outcome.remissionMaxTotal());

    Map<Timepoint, Map<String, Assessment>> byTimepoint = new TreeMap<>();
    for (var assessment : loaded.assessments()) {
      if (included.containsKey(assessment.participantCode)) {
        byTimepoint
            .computeIfAbsent(assessment.timepoint, t -> new HashMap<>())
            .put(assessment.participantCode, assessment);
      }
    }
    Map<String, Assessment> baseline = byTimepoint.getOrDefault(Timepoint.BASELINE, Map.of());

    List<TrialStatistics.AtTimepoint> rows = new ArrayList<>();
    for (var entry : byTimepoint.entrySet()) {
      if (only != null && entry.getKey() != only) {
        continue;
      }
      Map<String, List<ParticipantOutcome>> groups = new LinkedHashMap<>();
      groups.put(POOLED, new ArrayList<>());
      if (loaded.byArm()) {
        groups.put(Arms.MDMA, new ArrayList<>());
        groups.put(Arms.PLACEBO, new ArrayList<>());
      }
      for (var assessment : entry.getValue().values()) {
        Assessment base = baseline.get(assessment.participantCode);
        var result =
            new ParticipantOutcome(
                assessment.total,
                base == null ? null : base.total,
                base == null ? null : flag(base, diagnosisFlag),
                flag(assessment, diagnosisFlag));
        groups.get(POOLED).add(result);
        if (loaded.byArm()) {
          String arm = armOf.get(assessment.participantCode);
          if (arm != null) {
            groups.get(arm).add(result);
          }
        }
      }
      Map<String, GroupStatistics> statistics = new LinkedHashMap<>();
      groups.forEach(
          (group, outcomes) ->
              statistics.put(
                  group, GroupStatistics.of(outcomes, responseMinDrop, remissionMaxTotal)));
      EffectSize scoreEffect = null;
      EffectSize changeEffect = null;
      if (loaded.byArm()) {
        var mdma = statistics.get(Arms.MDMA);
        var placebo = statistics.get(Arms.PLACEBO);
        scoreEffect = EffectSize.between(mdma.score(), placebo.score(), instrument.betterWhen());
        changeEffect = EffectSize.between(mdma.change(), placebo.change(), instrument.betterWhen());
      }
      rows.add(
          new TrialStatistics.AtTimepoint(entry.getKey(), statistics, scoreEffect, changeEffect));
    }
    Map<String, Object> applied = new LinkedHashMap<>();
    if (filters.dissociative() != null) {
      applied.put("dissociative", filters.dissociative());
    }
    if (filters.veteran() != null) {
      applied.put("veteran", filters.veteran());
    }
    if (sites != null) {
      applied.put("sites", new java.util.TreeSet<>(sites));
    }
    Map<String, Integer> rules = new LinkedHashMap<>();
    if (responseMinDrop != null) {
      rules.put("responseMinDrop", responseMinDrop);
    }
    if (remissionMaxTotal != null) {
      rules.put("remissionMaxTotal", remissionMaxTotal);
    }
    return new TrialStatistics(trialId, instrument.code(), loaded.byArm(), applied, rules, rows);
  }

  private Boolean flag(Assessment assessment, String flag) {
    if (flag == null) {
      return null;
    }
    return columns.booleans(assessment.flags).get(flag);
  }
}

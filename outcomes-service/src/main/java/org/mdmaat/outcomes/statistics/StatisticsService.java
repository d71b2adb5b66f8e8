package org.mdmaat.outcomes.statistics;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.mdmaat.outcomes.Problems;
import org.mdmaat.outcomes.allocation.ArmVisibility;
import org.mdmaat.outcomes.allocation.Arms;
import org.mdmaat.outcomes.allocation.TrialOwnership;
import org.mdmaat.outcomes.assessment.Assessment;
import org.mdmaat.outcomes.assessment.AssessmentJson;
import org.mdmaat.outcomes.assessment.Timepoint;
import org.mdmaat.outcomes.assessment.WindowJudge;
import org.mdmaat.outcomes.assessment.WindowView;
import org.mdmaat.outcomes.assessment.Windows;
import org.mdmaat.outcomes.instrument.Instrument;
import org.mdmaat.outcomes.instrument.InstrumentCatalog;
import org.mdmaat.outcomes.participant.Participants;
import org.mdmaat.outcomes.participant.TrialParticipant;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.security.Bearer;
import org.mdmaat.platform.security.Roles;
import org.mdmaat.platform.security.Scope;

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
  private final OutcomeRulesService rules;
  private final Windows windows;

  private final TrialOwnership ownership;

  StatisticsService(
      InstrumentCatalog catalog,
      Participants participants,
      Arms arms,
      AssessmentJson columns,
      OutcomeRulesService rules,
      Windows windows,
      TrialOwnership ownership) {
    this.ownership = ownership;
    this.catalog = catalog;
    this.participants = participants;
    this.arms = arms;
    this.columns = columns;
    this.rules = rules;
    this.windows = windows;
  }

  /** The four subgroup facts a result can be split by ({@code subgroup=}). */
  public enum Subgroup {
    DISSOCIATIVE("dissociative"),
    VETERAN("veteran"),
    COMBAT_EXPOSURE("combatExposure"),
    TRAUMATIC_BRAIN_INJURY("traumaticBrainInjury");

    /** The name in the API, the same as the filter's query parameter. */
    public final String parameter;

    Subgroup(String parameter) {
      this.parameter = parameter;
    }

    Boolean of(Person p) {
      return switch (this) {
        case DISSOCIATIVE -> p.dissociativeSubtype;
        case VETERAN -> p.veteran;
        case COMBAT_EXPOSURE -> p.combatExposure;
        case TRAUMATIC_BRAIN_INJURY -> p.traumaticBrainInjury;
      };
    }
  }

  /**
   * Subgroup filters; null means no filter (a participant whose fact is not known is left out by a
   * filter on it). Sites are limited to the caller's for site staff. {@code splitBy}: also give the
   * results per value of that subgroup fact.
   */
  public record Filters(
      Boolean dissociative,
      Boolean veteran,
      Boolean combatExposure,
      Boolean traumaticBrainInjury,
      String siteCode,
      Subgroup splitBy) {

    public Filters(Boolean dissociative, Boolean veteran, String siteCode) {
      this(dissociative, veteran, null, null, siteCode, null);
    }

    boolean admit(Person p) {
      return matches(dissociative, p.dissociativeSubtype)
          && matches(veteran, p.veteran)
          && matches(combatExposure, p.combatExposure)
          && matches(traumaticBrainInjury, p.traumaticBrainInjury);
    }

    private static boolean matches(Boolean wanted, Boolean actual) {
      return wanted == null || wanted.equals(actual);
    }
  }

  /**
   * For the reader of {@code scope}: of its sites (site staff) or of its sponsor (sponsor and
   * DSMB); arms, where shown, are asked for with the reader's own token.
   */
  public Uni<TrialStatistics> of(
      String trialId,
      String instrumentCode,
      Timepoint only,
      Filters filters,
      Scope scope,
      Bearer readerToken) {
    var reader = scope.actor();
    Instrument instrument =
        catalog
            .find(instrumentCode)
            .orElseThrow(() -> Problems.NOT_FOUND.problem("No instrument " + instrumentCode));
    Set<String> included = sitesFor(reader.roles(), scope.sites(), filters.siteCode());
    return ownership
        .check(trialId, scope)
        .chain(() -> Panache.withSession(() -> load(trialId, instrument, reader)))
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

  /**
   * Needs a session: what the statistics are computed from, read as values (only the columns used,
   * never the assessments' responses or subscales; no entities, so nothing is kept for dirty
   * checking). The instrument's BASELINE rows serve both the change from baseline and the windows'
   * baseline anchor.
   */
  private Uni<Loaded> load(String trialId, Instrument instrument, Actor reader) {
    return participants
        .unblinded(trialId)
        .chain(
            unblinded ->
                people(trialId)
                    .chain(
                        people ->
                            scored(trialId, instrument.code())
                                .chain(
                                    found ->
                                        rules
                                            .current(trialId, instrument.code())
                                            .chain(
                                                rule ->
                                                    windows
                                                        .ofTrial(
                                                            trialId,
                                                            instrument.code(),
                                                            baselinesOf(found))
                                                        .map(
                                                            judge ->
                                                                new Loaded(
                                                                    ArmVisibility.byArm(
                                                                        reader.roles(), unblinded),
                                                                    people,
                                                                    found,
                                                                    rule.orElse(null),
                                                                    judge))))));
  }

  /** A participant as the filters and the site check read it. */
  record Person(
      String participantCode,
      String siteCode,
      Boolean dissociativeSubtype,
      Boolean veteran,
      Boolean combatExposure,
      Boolean traumaticBrainInjury) {}

  /** The columns of an assessment that statistics use. */
  record Scored(
      String participantCode,
      Timepoint timepoint,
      int total,
      String flags,
      Instant administeredAt) {}

  private static Uni<List<Person>> people(String trialId) {
    return TrialParticipant.getSession()
        .chain(
            session ->
                session
                    .createSelectionQuery(
                        "select participantCode, siteCode, dissociativeSubtype, veteran,"
                            + " combatExposure, traumaticBrainInjury"
                            + " from TrialParticipant where trialId = ?1",
                        Person.class)
                    .setParameter(1, trialId)
                    .getResultList());
  }

  private static Uni<List<Scored>> scored(String trialId, String instrument) {
    return Assessment.getSession()
        .chain(
            session ->
                session
                    .createSelectionQuery(
                        "select participantCode, timepoint, total, flags, administeredAt"
                            + " from Assessment where trialId = ?1 and instrument = ?2",
                        Scored.class)
                    .setParameter(1, trialId)
                    .setParameter(2, instrument)
                    .getResultList());
  }

  /** When each participant's BASELINE assessment (of the instrument read) was administered. */
  private static Map<String, Instant> baselinesOf(List<Scored> found) {
    Map<String, Instant> at = new HashMap<>();
    for (var row : found) {
      if (row.timepoint() == Timepoint.BASELINE) {
        at.merge(row.participantCode(), row.administeredAt(), (a, b) -> a.isBefore(b) ? a : b);
      }
    }
    return at;
  }

  private record Loaded(
      boolean byArm,
      List<Person> people,
      List<Scored> assessments,
      TrialOutcomeRule rule,
      WindowJudge windows) {}

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
    Map<String, Person> included = new HashMap<>();
    for (var person : loaded.people()) {
      if ((sites == null || sites.contains(person.siteCode())) && filters.admit(person)) {
        included.put(person.participantCode(), person);
      }
    }
    var outcome = instrument.outcome();
    String diagnosisFlag = outcome == null ? null : outcome.diagnosisFlag();
    // The trial's own settings only: a threshold not set is reported as not available, never
    // replaced by a default (0 is a value).
    var rule = loaded.rule();
    Integer responseMinDrop = rule == null ? null : rule.responseMinDrop;
    Integer remissionMaxTotal =
        rule == null || diagnosisFlag == null ? null : rule.remissionMaxTotal;
    var setting = "PUT /trials/" + trialId + "/outcome-rules/" + instrument.code();
    Map<String, String> notAvailable = new LinkedHashMap<>();
    if (responseMinDrop == null) {
      notAvailable.put(
          "responders",
          "responseMinDrop is not set for "
              + instrument.code()
              + " in trial "
              + trialId
              + " (the trial's sponsor sets it: "
              + setting
              + ")");
    }
    if (diagnosisFlag != null && remissionMaxTotal == null) {
      notAvailable.put(
          "remission",
          "remissionMaxTotal is not set for "
              + instrument.code()
              + " in trial "
              + trialId
              + " (the trial's sponsor sets it: "
              + setting
              + ")");
    }
    var thresholds =
        new Thresholds(
            new DiagnosisFlags(diagnosisFlag, columns::booleans),
            responseMinDrop,
            remissionMaxTotal);

    // The included participants' assessments, each judged at most once however many groups
    // (subgroups, baselines) read it; flags are parsed once per distinct text (DiagnosisFlags).
    List<Row> read = new ArrayList<>();
    for (var scored : loaded.assessments()) {
      if (included.containsKey(scored.participantCode())) {
        read.add(new Row(scored));
      }
    }
    var rows = rows(instrument, only, loaded, read, armOf, included.keySet(), thresholds);

    List<TrialStatistics.Subgroup> split = null;
    if (filters.splitBy() != null) {
      split = new ArrayList<>();
      for (var value : new Boolean[] {Boolean.TRUE, Boolean.FALSE, null}) {
        Set<String> members = new java.util.HashSet<>();
        included.forEach(
            (code, person) -> {
              if (java.util.Objects.equals(filters.splitBy().of(person), value)) {
                members.add(code);
              }
            });
        split.add(
            new TrialStatistics.Subgroup(
                value == null ? "unknown" : value.toString(),
                members.size(),
                rows(instrument, only, loaded, read, armOf, members, thresholds)));
      }
    }

    Map<String, Object> applied = new LinkedHashMap<>();
    if (filters.dissociative() != null) {
      applied.put("dissociative", filters.dissociative());
    }
    if (filters.veteran() != null) {
      applied.put("veteran", filters.veteran());
    }
    if (filters.combatExposure() != null) {
      applied.put("combatExposure", filters.combatExposure());
    }
    if (filters.traumaticBrainInjury() != null) {
      applied.put("traumaticBrainInjury", filters.traumaticBrainInjury());
    }
    if (sites != null) {
      applied.put("sites", new java.util.TreeSet<>(sites));
    }
    Map<String, Integer> applies = new LinkedHashMap<>();
    if (responseMinDrop != null) {
      applies.put("responseMinDrop", responseMinDrop);
    }
    if (remissionMaxTotal != null) {
      applies.put("remissionMaxTotal", remissionMaxTotal);
    }
    if (rule != null) {
      applies.put("rulesRevision", rule.revision);
    }
    return new TrialStatistics(
        trialId,
        instrument.code(),
        loaded.byArm(),
        applied,
        applies,
        notAvailable,
        rows,
        filters.splitBy() == null ? null : filters.splitBy().parameter,
        split);
  }

  private record Thresholds(
      DiagnosisFlags diagnosis, Integer responseMinDrop, Integer remissionMaxTotal) {}

  /** One assessment as statistics read it: its window judged when first asked for, then kept. */
  private static final class Row {
    final Scored scored;
    private WindowView.Status window;

    Row(Scored scored) {
      this.scored = scored;
    }
  }

  /** The per-timepoint results of the participants in {@code included}. */
  private List<TrialStatistics.AtTimepoint> rows(
      Instrument instrument,
      Timepoint only,
      Loaded loaded,
      List<Row> read,
      Map<String, String> armOf,
      Set<String> included,
      Thresholds thresholds) {
    Map<Timepoint, Map<String, Row>> byTimepoint = new TreeMap<>();
    for (var row : read) {
      var assessment = row.scored;
      if (included.contains(assessment.participantCode())) {
        byTimepoint
            .computeIfAbsent(assessment.timepoint(), t -> new HashMap<>())
            .put(assessment.participantCode(), row);
      }
    }
    Map<String, Row> baseline = byTimepoint.getOrDefault(Timepoint.BASELINE, Map.of());
    var diagnosis = thresholds.diagnosis();

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
      for (var row : entry.getValue().values()) {
        var assessment = row.scored;
        Row base = baseline.get(assessment.participantCode());
        var result =
            new ParticipantOutcome(
                assessment.total(),
                base == null ? null : base.scored.total(),
                base == null ? null : diagnosis.of(base.scored.flags()),
                diagnosis.of(assessment.flags()),
                window(row, loaded.windows()));
        groups.get(POOLED).add(result);
        if (loaded.byArm()) {
          String arm = armOf.get(assessment.participantCode());
          if (arm != null) {
            groups.get(arm).add(result);
          }
        }
      }
      Map<String, GroupStatistics> statistics = new LinkedHashMap<>();
      groups.forEach(
          (group, outcomes) ->
              statistics.put(
                  group,
                  GroupStatistics.of(
                      outcomes,
                      thresholds.responseMinDrop(),
                      thresholds.remissionMaxTotal(),
                      instrument.betterWhen())));
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
    return rows;
  }

  private static WindowView.Status window(Row row, WindowJudge judge) {
    if (row.window == null) {
      var scored = row.scored;
      row.window =
          judge
              .judge(scored.participantCode(), scored.timepoint(), scored.administeredAt())
              .status();
    }
    return row.window;
  }
}

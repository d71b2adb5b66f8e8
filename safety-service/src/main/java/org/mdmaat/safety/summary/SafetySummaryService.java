package org.mdmaat.safety.summary;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.mdmaat.platform.security.Bearer;
import org.mdmaat.platform.security.Roles;
import org.mdmaat.platform.security.Scope;
import org.mdmaat.safety.adverse.AdverseEvent;
import org.mdmaat.safety.adverse.AdverseEventCategory;
import org.mdmaat.safety.participant.ParticipantDirectory;
import org.mdmaat.safety.trial.TrialAccess;

/**
 * Builds safety summaries from the current version of each adverse event, every reading and the
 * dosing sessions safety-service was told of (the denominators).
 */
@ApplicationScoped
public class SafetySummaryService {
  static final String UNALLOCATED = "UNALLOCATED";
  static final String POOLED = "ALL";

  private final ParticipantDirectory directory;
  private final TrialAccess trials;

  SafetySummaryService(ParticipantDirectory directory, TrialAccess trials) {
    this.directory = directory;
    this.trials = trials;
  }

  /**
   * The trial's summary for the caller: by arm for a DSMB member ({@code person}: their own token,
   * on which recruitment-service discloses the arms), pooled for the sponsor.
   */
  public Uni<SafetySummary> of(String trialId, Scope scope, Bearer person) {
    var sponsor = scope.sponsor().orElse(null);
    return scope.hasRole(Roles.DSMB) ? byArm(trialId, sponsor, person) : pooled(trialId, sponsor);
  }

  /** For the trial's sponsor: one pooled group. Ownership is asked before the session opens. */
  Uni<SafetySummary> pooled(String trialId, String sponsorId) {
    return trials
        .requireSponsor(trialId, sponsorId)
        .chain(
            () ->
                Panache.withSession(
                    () -> summarize(trialId, "POOLED", List.of(POOLED), p -> POOLED, null)));
  }

  /**
   * For a DSMB member of the trial's sponsor (a member of another sponsor does not see the trial):
   * groups per arm as recruitment-service discloses them to that member ({@code member}: their own
   * token, which recruitment-service verifies), asked before the session opens.
   */
  Uni<SafetySummary> byArm(String trialId, String sponsorId, Bearer member) {
    return trials
        .requireSponsor(trialId, sponsorId)
        .chain(() -> directory.allocations(trialId, member))
        .flatMap(
            allocations -> {
              var arms = new HashMap<String, String>();
              allocations.forEach(a -> arms.put(a.getParticipantCode(), a.getArm()));
              var groups = allocations.stream().map(a -> a.getArm()).distinct().sorted().toList();
              var randomized = new HashMap<String, Integer>();
              allocations.forEach(a -> randomized.merge(a.getArm(), 1, Integer::sum));
              return Panache.withSession(
                  () ->
                      summarize(
                          trialId,
                          "ARM",
                          groups,
                          p -> arms.getOrDefault(p, UNALLOCATED),
                          randomized));
            });
  }

  /**
   * Needs a session. {@code groupOf} names a participant's group (arm or pooled); groups listed in
   * {@code groups} always appear, even when empty.
   */
  private Uni<SafetySummary> summarize(
      String trialId,
      String grouping,
      List<String> groups,
      Function<String, String> groupOf,
      Map<String, Integer> randomized) {
    return AdverseEvent.<AdverseEvent>list("trialId", trialId)
        .flatMap(
            events ->
                vitalMaxima(trialId)
                    .flatMap(
                        vitals ->
                            dosed(trialId)
                                .map(
                                    dosed ->
                                        build(
                                            trialId,
                                            grouping,
                                            groups,
                                            groupOf,
                                            randomized,
                                            events,
                                            vitals,
                                            dosed))));
  }

  private static SafetySummary build(
      String trialId,
      String grouping,
      List<String> groupNames,
      Function<String, String> groupOf,
      Map<String, Integer> randomized,
      List<AdverseEvent> events,
      List<Object[]> vitals,
      List<String> dosed) {
    var groups = new TreeMap<String, Builder>();
    groupNames.forEach(g -> groups.put(g, new Builder()));
    var dosedSet = new HashSet<>(dosed);
    for (var participant : dosed) {
      groups.computeIfAbsent(groupOf.apply(participant), g -> new Builder()).dosed.add(participant);
    }
    for (var e : events) {
      var b = groups.computeIfAbsent(groupOf.apply(e.participantCode), g -> new Builder());
      b.participants.add(e.participantCode);
      b.adverseEvents++;
      b.byGrade.merge(e.grade, 1, Integer::sum);
      if (e.serious) {
        b.serious++;
        e.criteria().forEach(c -> b.bySeriousness.merge(c.name(), 1, Integer::sum));
      }
      var categories = e.categories();
      categories.forEach(c -> b.byCategory.merge(c.name(), 1, Integer::sum));
      if (categories.contains(AdverseEventCategory.POSITIVE_ABUSE_RELATED)) {
        b.positiveEvents++;
        b.positiveParticipants.add(e.participantCode);
      }
    }
    for (var row : vitals) {
      var participant = (String) row[0];
      var b = groups.computeIfAbsent(groupOf.apply(participant), g -> new Builder());
      b.measured++;
      // Shares count dosed participants only, so that the numerator lies within the denominator.
      if (dosedSet.contains(participant)) {
        for (int i = 0; i < THRESHOLDS.size(); i++) {
          var t = THRESHOLDS.get(i);
          var value = (Number) row[t.column()];
          if (value != null && value.doubleValue() > t.above()) {
            b.over[i]++;
          }
        }
      }
      b.maxSystolic = max(b.maxSystolic, (Integer) row[1]);
      b.maxDiastolic = max(b.maxDiastolic, (Integer) row[2]);
      b.maxHeartRate = max(b.maxHeartRate, (Integer) row[3]);
      Double temperature = (Double) row[4];
      if (temperature != null && (b.maxTemperature == null || temperature > b.maxTemperature)) {
        b.maxTemperature = temperature;
      }
      Integer spo2 = (Integer) row[5];
      if (spo2 != null && (b.minSpo2 == null || spo2 < b.minSpo2)) {
        b.minSpo2 = spo2;
      }
    }
    var out = new ArrayList<SafetySummary.Group>();
    groups.forEach(
        (name, b) -> {
          var byGrade = new TreeMap<Integer, Integer>();
          for (int g = 1; g <= 5; g++) {
            byGrade.put(g, b.byGrade.getOrDefault(g, 0));
          }
          int dosedCount = b.dosed.size();
          var shares = new ArrayList<SafetySummary.VitalShare>();
          for (int i = 0; i < THRESHOLDS.size(); i++) {
            var t = THRESHOLDS.get(i);
            shares.add(
                new SafetySummary.VitalShare(
                    t.vital(), t.above(), b.over[i], per(b.over[i], dosedCount)));
          }
          out.add(
              new SafetySummary.Group(
                  name,
                  randomized == null ? null : randomized.getOrDefault(name, 0),
                  dosedCount,
                  b.participants.size(),
                  b.adverseEvents,
                  byGrade,
                  b.serious,
                  new TreeMap<>(b.bySeriousness),
                  new TreeMap<>(b.byCategory),
                  new SafetySummary.PositiveEffects(
                      b.positiveEvents,
                      b.positiveParticipants.size(),
                      per(b.positiveEvents, dosedCount)),
                  new SafetySummary.VitalMaxima(
                      b.measured,
                      b.maxSystolic,
                      b.maxDiastolic,
                      b.maxHeartRate,
                      b.maxTemperature,
                      b.minSpo2),
                  shares));
        });
    return new SafetySummary(trialId, grouping, Instant.now(), out);
  }

  /** {@code count / of}, to four decimals; null when there is no denominator. */
  private static Double per(int count, int of) {
    return of == 0 ? null : Math.round(count * 10000.0 / of) / 10000.0;
  }

  /** Participants of the trial with a dosing session safety-service was told of. */
  private Uni<List<String>> dosed(String trialId) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "select distinct participant_code from follow_up_schedule"
                            + " where trial_id = :trial",
                        String.class)
                    .setParameter("trial", trialId)
                    .getResultList());
  }

  private static Integer max(Integer current, Integer value) {
    if (value == null) {
      return current;
    }
    return current == null || value > current ? value : current;
  }

  private Uni<List<Object[]>> vitalMaxima(String trialId) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createSelectionQuery(
                        "select v.participantCode, max(v.systolic), max(v.diastolic),"
                            + " max(v.heartRate), max(v.temperatureC), min(v.spo2)"
                            + " from VitalSign v where v.trialId = :trial"
                            + " group by v.participantCode",
                        Object[].class)
                    .setParameter("trial", trialId)
                    .getResultList());
  }

  private static final class Builder {
    final HashSet<String> participants = new HashSet<>();
    int adverseEvents;
    final Map<Integer, Integer> byGrade = new HashMap<>();
    int serious;
    final Map<String, Integer> bySeriousness = new HashMap<>();
    final Map<String, Integer> byCategory = new HashMap<>();
    int measured;
    Integer maxSystolic;
    Integer maxDiastolic;
    Integer maxHeartRate;
    Double maxTemperature;
    Integer minSpo2;
    final HashSet<String> dosed = new HashSet<>();
    final int[] over = new int[THRESHOLDS.size()];
    int positiveEvents;
    final HashSet<String> positiveParticipants = new HashSet<>();
  }

  /**
   * The thresholds of the published pooled healthy-volunteer figures (33% systolic > 160 mmHg, 29%
   * heart rate > 100 bpm, 19% temperature > 38 °C, DOMAIN.md), so that a trial's shares compare
   * with them. Not action limits: those are per-trial settings. {@code column}: of the per
   * participant maxima row.
   */
  record Threshold(String vital, double above, int column) {}

  static final List<Threshold> THRESHOLDS =
      List.of(
          new Threshold("SYSTOLIC", 160, 1),
          new Threshold("HEART_RATE", 100, 3),
          new Threshold("TEMPERATURE_C", 38.0, 4));
}

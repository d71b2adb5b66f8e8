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
import org.mdmaat.safety.adverse.AdverseEvent;
import org.mdmaat.safety.participant.ParticipantDirectory;
import org.mdmaat.safety.trial.TrialAccess;

/** Builds safety summaries from the current version of each adverse event and every reading. */
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

  /** For the trial's sponsor: one pooled group. Ownership is asked before the session opens. */
  public Uni<SafetySummary> pooled(String trialId, String sponsorId) {
    return trials
        .requireSponsor(trialId, sponsorId)
        .chain(
            () ->
                Panache.withSession(
                    () -> summarize(trialId, "POOLED", List.of(POOLED), p -> POOLED)));
  }

  /**
   * For a DSMB member of the trial's sponsor (a member of another sponsor does not see the trial):
   * groups per arm as recruitment-service discloses them to that member ({@code member}: their own
   * token, which recruitment-service verifies), asked before the session opens.
   */
  public Uni<SafetySummary> byArm(String trialId, String sponsorId, Bearer member) {
    return trials
        .requireSponsor(trialId, sponsorId)
        .chain(() -> directory.allocations(trialId, member))
        .flatMap(
            allocations -> {
              var arms = new HashMap<String, String>();
              allocations.forEach(a -> arms.put(a.getParticipantCode(), a.getArm()));
              var groups = allocations.stream().map(a -> a.getArm()).distinct().sorted().toList();
              return Panache.withSession(
                  () -> summarize(trialId, "ARM", groups, p -> arms.getOrDefault(p, UNALLOCATED)));
            });
  }

  /**
   * Needs a session. {@code groupOf} names a participant's group (arm or pooled); groups listed in
   * {@code groups} always appear, even when empty.
   */
  private Uni<SafetySummary> summarize(
      String trialId, String grouping, List<String> groups, Function<String, String> groupOf) {
    return AdverseEvent.<AdverseEvent>list("trialId", trialId)
        .flatMap(
            events ->
                vitalMaxima(trialId)
                    .map(vitals -> build(trialId, grouping, groups, groupOf, events, vitals)));
  }

  private static SafetySummary build(
      String trialId,
      String grouping,
      List<String> groupNames,
      Function<String, String> groupOf,
      List<AdverseEvent> events,
      List<Object[]> vitals) {
    var groups = new TreeMap<String, Builder>();
    groupNames.forEach(g -> groups.put(g, new Builder()));
    for (var e : events) {
      var b = groups.computeIfAbsent(groupOf.apply(e.participantCode), g -> new Builder());
      b.participants.add(e.participantCode);
      b.adverseEvents++;
      b.byGrade.merge(e.grade, 1, Integer::sum);
      if (e.serious) {
        b.serious++;
        e.criteria().forEach(c -> b.bySeriousness.merge(c.name(), 1, Integer::sum));
      }
      b.byCategory.merge(e.category.name(), 1, Integer::sum);
    }
    for (var row : vitals) {
      var b = groups.computeIfAbsent(groupOf.apply((String) row[0]), g -> new Builder());
      b.measured++;
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
          out.add(
              new SafetySummary.Group(
                  name,
                  b.participants.size(),
                  b.adverseEvents,
                  byGrade,
                  b.serious,
                  new TreeMap<>(b.bySeriousness),
                  new TreeMap<>(b.byCategory),
                  new SafetySummary.VitalMaxima(
                      b.measured,
                      b.maxSystolic,
                      b.maxDiastolic,
                      b.maxHeartRate,
                      b.maxTemperature,
                      b.minSpo2)));
        });
    return new SafetySummary(trialId, grouping, Instant.now(), out);
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
  }
}

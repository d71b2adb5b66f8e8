package org.mdmaat.outcomes.assessment;

import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.mdmaat.outcomes.participant.ParticipantDose;

/**
 * Loads the anchors of timepoint windows: the baseline visit (the earliest BASELINE assessment of
 * any instrument) and the dosing sessions (each session's first initial dose, sessions in the order
 * they were dosed), and the trial's windows in force (its sponsor's settings, the protocol defaults
 * otherwise). Windows are judged when read, so an anchor that arrives later (a dose event, a
 * baseline recorded afterwards) and a changed setting are taken into account from then on.
 */
@ApplicationScoped
public class Windows {

  /** Needs a session. The judge of one participant's assessments (of trial {@code trialId}). */
  public Uni<WindowJudge> of(String trialId, String participantCode) {
    return Assessment.<Assessment>list(
            "participantCode = ?1 and timepoint = ?2", participantCode, Timepoint.BASELINE)
        .chain(
            baselines ->
                ParticipantDose.<ParticipantDose>list("participantCode", participantCode)
                    .map(
                        doses ->
                            anchors(
                                Map.of(participantCode, baselines),
                                Map.of(participantCode, doses))))
        .chain(anchors -> inForce(trialId).map(windows -> new WindowJudge(windows, anchors)));
  }

  /** Needs a session. The judge of the trial's assessments, every participant's anchors. */
  public Uni<WindowJudge> ofTrial(String trialId) {
    return Assessment.<Assessment>list(
            "trialId = ?1 and timepoint = ?2", trialId, Timepoint.BASELINE)
        .chain(
            baselines ->
                ParticipantDose.<ParticipantDose>list("trialId", trialId)
                    .map(
                        doses ->
                            anchors(
                                group(baselines, a -> a.participantCode),
                                group(doses, d -> d.participantCode))))
        .chain(anchors -> inForce(trialId).map(windows -> new WindowJudge(windows, anchors)));
  }

  /**
   * Needs a session. The trial's windows in force: per timepoint the setting with the highest
   * revision, the protocol default where there is none.
   */
  public Uni<TrialWindows> inForce(String trialId) {
    return TrialTimepointWindow.<TrialTimepointWindow>list(
            "trialId", Sort.descending("revision"), trialId)
        .map(
            settings -> {
              Map<Timepoint, TrialTimepointWindow> current = new EnumMap<>(Timepoint.class);
              settings.forEach(setting -> current.putIfAbsent(setting.timepoint, setting));
              return new TrialWindows(trialId, current);
            });
  }

  private static <T> Map<String, List<T>> group(
      List<T> all, java.util.function.Function<T, String> key) {
    Map<String, List<T>> by = new HashMap<>();
    all.forEach(item -> by.computeIfAbsent(key.apply(item), k -> new ArrayList<>()).add(item));
    return by;
  }

  private static Map<String, Anchors> anchors(
      Map<String, List<Assessment>> baselines, Map<String, List<ParticipantDose>> doses) {
    Map<String, Anchors> all = new HashMap<>();
    var codes = new LinkedHashSet<String>(baselines.keySet());
    codes.addAll(doses.keySet());
    for (var code : codes) {
      Instant baseline =
          baselines.getOrDefault(code, List.of()).stream()
              .map(a -> a.administeredAt)
              .min(Comparator.naturalOrder())
              .orElse(null);
      // A session counts from its initial dose; supplemental doses follow it the same day.
      Map<String, Instant> firstOfSession = new HashMap<>();
      for (var dose : doses.getOrDefault(code, List.of())) {
        if (!dose.supplemental) {
          firstOfSession.merge(
              dose.sessionId, dose.administeredAt, (a, b) -> a.isBefore(b) ? a : b);
        }
      }
      var sessions = firstOfSession.values().stream().sorted().toList();
      all.put(code, new Anchors(baseline, sessions));
    }
    return all;
  }
}

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
                    .map(doses -> anchors(participantCode, baselines, doses)))
        .chain(anchors -> inForce(trialId).map(windows -> new WindowJudge(windows, anchors)));
  }

  /** Needs a session. The judge of the trial's assessments, every participant's anchors. */
  public Uni<WindowJudge> ofTrial(String trialId) {
    return Assessment.getSession()
        .chain(
            session ->
                session
                    .createSelectionQuery(
                        "select participantCode, min(administeredAt) from Assessment"
                            + " where trialId = ?1 and timepoint = ?2 group by participantCode",
                        FirstBaseline.class)
                    .setParameter(1, trialId)
                    .setParameter(2, Timepoint.BASELINE)
                    .getResultList())
        .map(Windows::byParticipant)
        .chain(baselines -> ofTrial(trialId, baselines));
  }

  /**
   * Needs a session. As {@link #ofTrial(String)}, for a reader that has already read the BASELINE
   * assessments of {@code instrument}: {@code baselinesOfInstrument} holds when each participant's
   * was administered, and only the other instruments' baselines are read here (the anchor is the
   * earliest of any instrument).
   */
  public Uni<WindowJudge> ofTrial(
      String trialId, String instrument, Map<String, Instant> baselinesOfInstrument) {
    return Assessment.getSession()
        .chain(
            session ->
                session
                    .createSelectionQuery(
                        "select participantCode, min(administeredAt) from Assessment"
                            + " where trialId = ?1 and timepoint = ?2 and instrument <> ?3"
                            + " group by participantCode",
                        FirstBaseline.class)
                    .setParameter(1, trialId)
                    .setParameter(2, Timepoint.BASELINE)
                    .setParameter(3, instrument)
                    .getResultList())
        .map(
            others -> {
              Map<String, Instant> earliest = new HashMap<>(baselinesOfInstrument);
              others.forEach(
                  other ->
                      earliest.merge(
                          other.participantCode(),
                          other.administeredAt(),
                          (a, b) -> a.isBefore(b) ? a : b));
              return earliest;
            })
        .chain(baselines -> ofTrial(trialId, baselines));
  }

  /** The earliest BASELINE assessment of a participant. */
  record FirstBaseline(String participantCode, Instant administeredAt) {}

  /** The first initial dose of one dosing session of a participant. */
  record SessionStart(String participantCode, String sessionId, Instant administeredAt) {}

  private static Map<String, Instant> byParticipant(List<FirstBaseline> baselines) {
    Map<String, Instant> by = new HashMap<>();
    baselines.forEach(b -> by.put(b.participantCode(), b.administeredAt()));
    return by;
  }

  /**
   * Needs a session. {@code baselines}: each participant's earliest BASELINE assessment of any
   * instrument. Only the columns the anchors need are read, as values, not entities.
   */
  private Uni<WindowJudge> ofTrial(String trialId, Map<String, Instant> baselines) {
    return ParticipantDose.getSession()
        .chain(
            session ->
                session
                    // A session counts from its initial dose; supplemental doses follow it.
                    .createSelectionQuery(
                        "select participantCode, sessionId, min(administeredAt)"
                            + " from ParticipantDose where trialId = ?1 and supplemental = false"
                            + " group by participantCode, sessionId",
                        SessionStart.class)
                    .setParameter(1, trialId)
                    .getResultList())
        .map(
            starts -> {
              Map<String, List<Instant>> sessions = new HashMap<>();
              starts.forEach(
                  start ->
                      sessions
                          .computeIfAbsent(start.participantCode(), k -> new ArrayList<>())
                          .add(start.administeredAt()));
              return anchors(baselines, sessions);
            })
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

  /**
   * {@code baselines}: the earliest BASELINE assessment per participant; {@code sessions}: the
   * first initial dose of each of a participant's dosing sessions, in any order.
   */
  private static Map<String, Anchors> anchors(
      Map<String, Instant> baselines, Map<String, List<Instant>> sessions) {
    Map<String, Anchors> all = new HashMap<>();
    var codes = new LinkedHashSet<String>(baselines.keySet());
    codes.addAll(sessions.keySet());
    for (var code : codes) {
      var dosed = sessions.getOrDefault(code, List.of()).stream().sorted().toList();
      all.put(code, new Anchors(baselines.get(code), dosed));
    }
    return all;
  }

  /** The anchors' inputs from one participant's entities. */
  private static Map<String, Anchors> anchors(
      String code, List<Assessment> baselines, List<ParticipantDose> doses) {
    Map<String, Instant> earliest = new HashMap<>();
    baselines.stream()
        .map(a -> a.administeredAt)
        .min(Comparator.naturalOrder())
        .ifPresent(at -> earliest.put(code, at));
    // A session counts from its initial dose; supplemental doses follow it the same day.
    Map<String, Instant> firstOfSession = new HashMap<>();
    for (var dose : doses) {
      if (!dose.supplemental) {
        firstOfSession.merge(dose.sessionId, dose.administeredAt, (a, b) -> a.isBefore(b) ? a : b);
      }
    }
    return anchors(earliest, Map.of(code, new ArrayList<>(firstOfSession.values())));
  }
}

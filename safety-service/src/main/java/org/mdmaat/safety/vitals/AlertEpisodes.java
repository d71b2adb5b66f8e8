package org.mdmaat.safety.vitals;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.mdmaat.safety.alert.AlertKind;
import org.mdmaat.safety.alert.AlertLevel;
import org.mdmaat.safety.alert.AlertView;
import org.mdmaat.safety.alert.SafetyAlert;
import org.mdmaat.safety.participant.KnownParticipant;

/**
 * Finds alert episodes in a session's readings, without storing anything: a vital's episode starts
 * with its first out-of-range reading and ends with the first reading back in range; one that
 * worsens from warn to critical keeps its one alert, which becomes critical. Every critical reading
 * is a finding that holds dosing, whether it opens an episode or continues one: a hold lifted while
 * the danger lasts is placed again by the next critical reading.
 */
final class AlertEpisodes {
  private AlertEpisodes() {}

  /**
   * What a batch of readings did to the session's episodes: alerts to raise, open ones that became
   * critical, open ones that ended (and did not also become critical), each changed alert's view
   * before the batch, the first alert raised or made critical, or null, and what the first critical
   * reading of the batch says (it holds dosing), or null.
   */
  record Changes(
      List<SafetyAlert> raised,
      List<SafetyAlert> escalated,
      List<SafetyAlert> ended,
      Map<SafetyAlert, AlertView> before,
      SafetyAlert firstCritical,
      String criticalFinding) {

    /** The alerts raised or made critical, as the upload answers them. */
    List<AlertView> raisedOrEscalated() {
      var changed = new ArrayList<SafetyAlert>(raised);
      changed.addAll(escalated);
      return changed.stream().map(AlertView::of).toList();
    }
  }

  /**
   * Walks {@code readings} (in measured order) against {@code limits}, continuing the session's
   * {@code open} episodes. Alerts already open are changed in place; new ones are built, not
   * persisted.
   */
  static Changes detect(
      KnownParticipant participant,
      String sessionId,
      ThresholdsView limits,
      List<VitalSign> readings,
      List<SafetyAlert> open) {
    Map<VitalKind, SafetyAlert> openByVital = new EnumMap<>(VitalKind.class);
    open.forEach(a -> openByVital.put(VitalKind.valueOf(a.vital), a));
    Map<SafetyAlert, AlertView> beforeChange = new HashMap<>();
    var raised = new ArrayList<SafetyAlert>();
    var ended = new ArrayList<SafetyAlert>();
    var upgraded = new ArrayList<SafetyAlert>();
    SafetyAlert critical = null;
    String criticalFinding = null;

    for (var reading : readings) {
      for (var kind : VitalKind.values()) {
        Double value = reading.value(kind);
        if (value == null) {
          continue;
        }
        var level = limits.level(kind, value);
        var episode = openByVital.get(kind);
        if (level.isPresent() && level.get() == AlertLevel.CRITICAL && criticalFinding == null) {
          criticalFinding =
              describe(kind, value, AlertLevel.CRITICAL, reading, limits)
                  + (episode != null && episode.level == AlertLevel.CRITICAL
                      ? "; critical episode continuing since " + episode.raisedAt
                      : "");
        }
        if (level.isEmpty()) {
          if (episode != null) {
            beforeChange.putIfAbsent(episode, AlertView.of(episode));
            episode.episodeEndedAt = reading.measuredAt;
            openByVital.remove(kind);
            if (!raised.contains(episode)) {
              ended.add(episode);
            }
          }
        } else if (episode == null) {
          var alert = new SafetyAlert();
          alert.id = UUID.randomUUID();
          alert.kind = AlertKind.VITALS;
          alert.vital = kind.name();
          alert.level = level.get();
          alert.participantCode = participant.participantCode();
          alert.trialId = participant.trialId();
          alert.siteCode = participant.siteCode();
          alert.sessionId = sessionId;
          alert.summary = describe(kind, value, level.get(), reading, limits);
          alert.raisedAt = reading.measuredAt;
          openByVital.put(kind, alert);
          raised.add(alert);
          if (alert.level == AlertLevel.CRITICAL && critical == null) {
            critical = alert;
          }
        } else if (level.get() == AlertLevel.CRITICAL && episode.level == AlertLevel.WARN) {
          // The same episode worsened: the one alert becomes critical rather than a second one.
          beforeChange.putIfAbsent(episode, AlertView.of(episode));
          episode.level = AlertLevel.CRITICAL;
          episode.summary = describe(kind, value, AlertLevel.CRITICAL, reading, limits);
          if (!raised.contains(episode) && !upgraded.contains(episode)) {
            upgraded.add(episode);
          }
          if (critical == null) {
            critical = episode;
          }
        }
      }
    }
    // An episode that became critical and ended in one batch is audited once, as escalated.
    ended.removeAll(upgraded);
    return new Changes(raised, upgraded, ended, beforeChange, critical, criticalFinding);
  }

  static String describe(
      VitalKind kind, double value, AlertLevel level, VitalSign reading, ThresholdsView limits) {
    return "%s %s %s (%s) at %s (session %s)"
        .formatted(
            level,
            kind,
            VitalLimits.format(value),
            limits.low(kind, value) ? "low" : "high",
            reading.measuredAt,
            reading.sessionId);
  }
}

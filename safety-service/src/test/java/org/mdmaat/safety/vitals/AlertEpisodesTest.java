package org.mdmaat.safety.vitals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mdmaat.safety.alert.AlertLevel;
import org.mdmaat.safety.participant.KnownParticipant;

/** The episode rules on their own, without a database: one alert per episode of one vital. */
class AlertEpisodesTest {
  private static final KnownParticipant P = new KnownParticipant("P-1", "T-1", "US-SF-01");
  private static final ThresholdsView LIMITS = ThresholdsViewTest.defaults("T-1");
  private static final Instant START = Instant.parse("2026-02-01T10:00:00Z");

  private static VitalSign systolic(int minute, int value) {
    var v = new VitalSign();
    v.id = UUID.randomUUID();
    v.sessionId = "S-1";
    v.measuredAt = START.plusSeconds(60L * minute);
    v.systolic = value;
    return v;
  }

  @Test
  void anEpisodeThatWorsensKeepsItsOneAlertWhichBecomesCritical() {
    var changes =
        AlertEpisodes.detect(
            P,
            "S-1",
            LIMITS,
            List.of(systolic(0, 165), systolic(1, 185), systolic(2, 125)),
            List.of());

    assertThat(changes.raised()).hasSize(1);
    var alert = changes.raised().get(0);
    assertThat(alert.level).isEqualTo(AlertLevel.CRITICAL);
    assertThat(alert.raisedAt).isEqualTo(START);
    assertThat(alert.episodeEndedAt).isEqualTo(START.plusSeconds(120));
    assertThat(changes.escalated()).isEmpty();
    assertThat(changes.ended()).isEmpty();
    assertThat(changes.firstCritical()).isSameAs(alert);
  }

  @Test
  void anOpenEpisodeContinuesEscalatesAndIsAuditedOnceAsEscalated() {
    var open = AlertEpisodes.detect(P, "S-1", LIMITS, List.of(systolic(0, 165)), List.of());
    var alert = open.raised().get(0);

    var later =
        AlertEpisodes.detect(
            P,
            "S-1",
            LIMITS,
            List.of(systolic(5, 170), systolic(6, 190), systolic(7, 120)),
            List.of(alert));

    assertThat(later.raised()).isEmpty();
    assertThat(later.escalated()).containsExactly(alert);
    assertThat(later.ended()).isEmpty();
    assertThat(later.before().get(alert).level()).isEqualTo(AlertLevel.WARN);
    assertThat(alert.level).isEqualTo(AlertLevel.CRITICAL);
    assertThat(later.raisedOrEscalated()).hasSize(1);
  }

  @Test
  void readingsInRangeEndAWarnEpisodeAndRaiseNothing() {
    var open = AlertEpisodes.detect(P, "S-1", LIMITS, List.of(systolic(0, 165)), List.of());
    var alert = open.raised().get(0);

    var later = AlertEpisodes.detect(P, "S-1", LIMITS, List.of(systolic(3, 130)), List.of(alert));

    assertThat(later.raised()).isEmpty();
    assertThat(later.ended()).containsExactly(alert);
    assertThat(later.firstCritical()).isNull();
    assertThat(later.criticalFinding()).isNull();
    assertThat(later.raisedOrEscalated()).isEmpty();
  }

  @Test
  void aCriticalReadingContinuingACriticalEpisodeIsStillAFinding() {
    var open = AlertEpisodes.detect(P, "S-1", LIMITS, List.of(systolic(0, 185)), List.of());
    var alert = open.raised().get(0);
    assertThat(open.criticalFinding()).startsWith("CRITICAL SYSTOLIC 185 (high)");

    var later = AlertEpisodes.detect(P, "S-1", LIMITS, List.of(systolic(5, 190)), List.of(alert));

    // No second alert for the one episode, but the reading holds dosing again.
    assertThat(later.raised()).isEmpty();
    assertThat(later.escalated()).isEmpty();
    assertThat(later.firstCritical()).isNull();
    assertThat(later.criticalFinding())
        .startsWith("CRITICAL SYSTOLIC 190 (high)")
        .contains("critical episode continuing since " + START);
  }

  @Test
  void aReadingBelowALowerLimitOpensAnEpisodeAsOneAboveDoes() {
    var changes =
        AlertEpisodes.detect(
            P,
            "S-1",
            LIMITS,
            List.of(systolic(0, 88), systolic(1, 78), systolic(2, 110)),
            List.of());
    assertThat(changes.raised()).hasSize(1);
    var alert = changes.raised().get(0);
    assertThat(alert.level).isEqualTo(AlertLevel.CRITICAL);
    assertThat(alert.summary).startsWith("CRITICAL SYSTOLIC 78 (low)");
    assertThat(alert.episodeEndedAt).isEqualTo(START.plusSeconds(120));
    assertThat(changes.criticalFinding()).startsWith("CRITICAL SYSTOLIC 78 (low)");
  }
}

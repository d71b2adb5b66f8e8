package org.mdmaat.session.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.mdmaat.session.participant.VisitPlan;

class ScheduleGeneratorTest {
  private static final ScheduleSettings SETTINGS =
      new ScheduleSettings() {
        @Override
        public int preparationIntervalDays() {
          return 7;
        }

        @Override
        public int preparationWindowDays() {
          return 3;
        }

        @Override
        public int firstExperimentalAfterPreparationDays() {
          return 7;
        }

        @Override
        public int integrationWindowDays() {
          return 2;
        }
      };

  private static final VisitPlan MAPP = new VisitPlan(3, 3, 28, 7, 3, 7, 7);
  private final ScheduleGenerator generator = new ScheduleGenerator(SETTINGS);
  private static final LocalDate DAY0 = LocalDate.parse("2026-03-02");

  @Test
  void mappDefaultsGiveThirtySixSessions() {
    var plan = generator.plan(MAPP, DAY0);
    assertThat(plan).hasSize(3 + 3 + 9 + 21);
    assertThat(plan.stream().filter(p -> p.kind() == SessionKind.PREPARATION))
        .extracting(ScheduleGenerator.PlannedSession::targetDate)
        .containsExactly(DAY0, DAY0.plusDays(7), DAY0.plusDays(14));
    var experimentals = plan.stream().filter(p -> p.kind() == SessionKind.EXPERIMENTAL).toList();
    // Three experimentals four weeks apart, each ±1 week.
    assertThat(experimentals)
        .extracting(ScheduleGenerator.PlannedSession::targetDate)
        .containsExactly(DAY0.plusDays(21), DAY0.plusDays(49), DAY0.plusDays(77));
    assertThat(experimentals.get(1).windowStart()).isEqualTo(DAY0.plusDays(42));
    assertThat(experimentals.get(1).windowEnd()).isEqualTo(DAY0.plusDays(56));
    // Integration: the day after, then a week apart; numbered across the schedule.
    assertThat(
            plan.stream()
                .filter(p -> p.kind() == SessionKind.INTEGRATION && p.experimentalNumber() == 2))
        .extracting(
            ScheduleGenerator.PlannedSession::number, ScheduleGenerator.PlannedSession::targetDate)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(4, DAY0.plusDays(50)),
            org.assertj.core.groups.Tuple.tuple(5, DAY0.plusDays(57)),
            org.assertj.core.groups.Tuple.tuple(6, DAY0.plusDays(64)));
    // Seven daily contacts after each experimental session, exact days.
    var contacts =
        plan.stream()
            .filter(p -> p.kind() == SessionKind.FOLLOW_UP_CONTACT && p.experimentalNumber() == 1)
            .toList();
    assertThat(contacts).hasSize(7);
    assertThat(contacts.get(0).targetDate()).isEqualTo(DAY0.plusDays(22));
    assertThat(contacts.get(6).windowEnd()).isEqualTo(DAY0.plusDays(28));
  }

  @Test
  void theTrialsTemplateWins() {
    var plan = generator.plan(new VisitPlan(2, 2, 21, 3, 1, 7, 0), DAY0);
    assertThat(plan).hasSize(2 + 2 + 2);
    var experimentals = plan.stream().filter(p -> p.kind() == SessionKind.EXPERIMENTAL).toList();
    assertThat(experimentals.get(0).targetDate()).isEqualTo(DAY0.plusDays(14));
    assertThat(experimentals.get(1).targetDate()).isEqualTo(DAY0.plusDays(35));
    assertThat(experimentals.get(1).windowStart()).isEqualTo(DAY0.plusDays(32));
  }

  @Test
  void zeroMeansZero() {
    var plan = generator.plan(new VisitPlan(0, 1, 28, 7, 0, 7, 0), DAY0);
    assertThat(plan).hasSize(1);
    // No preparation: the experimental session follows randomization by the usual gap.
    assertThat(plan.get(0).kind()).isEqualTo(SessionKind.EXPERIMENTAL);
    assertThat(plan.get(0).targetDate()).isEqualTo(DAY0.plusDays(7));
  }

  @Test
  void afterADoseTheRestIsLaidOutFromTheDayOfTheDose() {
    // Experimental 1 planned for DAY0+21, dosed four days late.
    var dosedOn = DAY0.plusDays(25);
    var after = generator.after(MAPP, 1, dosedOn);
    assertThat(after).noneMatch(p -> p.kind() == SessionKind.PREPARATION);
    assertThat(after).noneMatch(p -> p.kind() == SessionKind.EXPERIMENTAL && p.number() == 1);
    var contacts =
        after.stream()
            .filter(p -> p.kind() == SessionKind.FOLLOW_UP_CONTACT && p.experimentalNumber() == 1)
            .toList();
    assertThat(contacts).hasSize(7);
    assertThat(contacts.get(0).targetDate()).isEqualTo(dosedOn.plusDays(1));
    assertThat(contacts.get(6).targetDate()).isEqualTo(dosedOn.plusDays(7));
    var integration =
        after.stream()
            .filter(p -> p.kind() == SessionKind.INTEGRATION && p.experimentalNumber() == 1)
            .toList();
    assertThat(integration.get(0).targetDate()).isEqualTo(dosedOn.plusDays(1));
    var second =
        after.stream()
            .filter(p -> p.kind() == SessionKind.EXPERIMENTAL && p.number() == 2)
            .findFirst()
            .orElseThrow();
    assertThat(second.targetDate()).isEqualTo(dosedOn.plusDays(28));
    assertThat(second.windowStart()).isEqualTo(dosedOn.plusDays(21));
    assertThat(second.windowEnd()).isEqualTo(dosedOn.plusDays(35));
    // Session 2 dosed: only what follows it moves.
    var afterTwo = generator.after(MAPP, 2, dosedOn.plusDays(30));
    assertThat(afterTwo).noneMatch(p -> Integer.valueOf(1).equals(p.experimentalNumber()));
    assertThat(afterTwo)
        .filteredOn(p -> p.kind() == SessionKind.EXPERIMENTAL)
        .extracting(ScheduleGenerator.PlannedSession::number)
        .containsExactly(3);
  }

  @Test
  void transitionsFollowTheDosingLifecycle() {
    var e = SessionKind.EXPERIMENTAL;
    assertThat(SessionStatus.SCHEDULED.allows(e, SessionStatus.CHECKED_IN)).isTrue();
    assertThat(SessionStatus.CHECKED_IN.allows(e, SessionStatus.DOSED)).isFalse();
    assertThat(SessionStatus.DOSED.allows(e, SessionStatus.MONITORING)).isTrue();
    assertThat(SessionStatus.SUPPLEMENTAL_DOSED.allows(e, SessionStatus.SUPPLEMENTAL_DOSED))
        .isFalse();
    assertThat(SessionStatus.COMPLETED.allows(e, SessionStatus.ABORTED)).isFalse();
    assertThat(SessionStatus.CHECKED_IN.allows(SessionKind.INTEGRATION, SessionStatus.COMPLETED))
        .isTrue();
    assertThat(
            SessionStatus.CHECKED_IN.allows(
                SessionKind.INTEGRATION, SessionStatus.PRE_DOSE_CHECKS_PASSED))
        .isFalse();
  }
}

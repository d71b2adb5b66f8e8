package org.mdmaat.safety.adverse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** 21 CFR 312.32(c): 15 calendar days, 7 when fatal or life-threatening, from the UTC day. */
class ExpeditedReportDueTest {
  private static AdverseEvent event(
      Set<SeriousnessCriterion> criteria, Relatedness related, boolean expected) {
    var e = new AdverseEvent();
    e.criteria(criteria);
    e.relatedness = related;
    e.expected = expected;
    return e;
  }

  @Test
  void fifteenCalendarDaysCountedFromTheUtcDay() {
    // 23:30 in Los Angeles on 31 Jan is already 1 Feb in UTC.
    var aware = Instant.parse("2026-02-01T07:30:00Z");
    var e = event(Set.of(SeriousnessCriterion.HOSPITALIZATION), Relatedness.POSSIBLE, false);
    assertThat(ExpeditedReports.dueDate(e, aware)).isEqualTo(LocalDate.of(2026, 2, 16));
  }

  @Test
  void sevenDaysWhenFatalOrLifeThreatening() {
    var aware = Instant.parse("2026-02-01T12:00:00Z");
    var threat =
        event(
            Set.of(SeriousnessCriterion.LIFE_THREATENING, SeriousnessCriterion.HOSPITALIZATION),
            Relatedness.PROBABLE,
            false);
    assertThat(ExpeditedReports.dueDate(threat, aware)).isEqualTo(LocalDate.of(2026, 2, 8));
    var death = event(Set.of(SeriousnessCriterion.DEATH), Relatedness.DEFINITE, false);
    assertThat(ExpeditedReports.dueDate(death, aware)).isEqualTo(LocalDate.of(2026, 2, 8));
  }

  @Test
  void onlySeriousUnexpectedSuspectedReactionsNeedOne() {
    var serious = Set.of(SeriousnessCriterion.HOSPITALIZATION);
    assertThat(event(serious, Relatedness.POSSIBLE, false).needsExpeditedReport()).isTrue();
    assertThat(event(serious, Relatedness.UNLIKELY, false).needsExpeditedReport()).isFalse();
    assertThat(event(serious, Relatedness.PROBABLE, true).needsExpeditedReport()).isFalse();
    assertThat(event(Set.of(), Relatedness.DEFINITE, false).needsExpeditedReport()).isFalse();
  }
}

package org.mdmaat.safety.followup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** A contact's due date is a calendar day at the site: it is missed once that day is over there. */
class ContactStatusTest {
  private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

  private static FollowUpContact due(LocalDate date, ZoneId zone) {
    var c = new FollowUpContact();
    c.dueDate = date;
    c.dueUntil = FollowUpContact.dueUntil(date, zone);
    return c;
  }

  @Test
  void pendingUntilTheSitesMidnightThenMissed() {
    var contact = due(LocalDate.of(2026, 1, 11), LOS_ANGELES);
    assertThat(contact.dueUntil).isEqualTo(Instant.parse("2026-01-12T08:00:00Z"));
    // Already January 12 in UTC, still January 11 in Los Angeles: due today there.
    assertThat(contact.status(Instant.parse("2026-01-12T07:59:59Z")))
        .isEqualTo(ContactStatus.PENDING);
    assertThat(contact.status(Instant.parse("2026-01-12T08:00:00Z")))
        .isEqualTo(ContactStatus.MISSED);
    // Before the due date it is pending as well.
    assertThat(contact.status(Instant.parse("2026-01-10T12:00:00Z")))
        .isEqualTo(ContactStatus.PENDING);
  }

  @Test
  void aSiteEastOfUtcMissesBeforeUtcDoes() {
    var contact = due(LocalDate.of(2026, 1, 11), ZoneId.of("Europe/Berlin"));
    assertThat(contact.status(Instant.parse("2026-01-11T23:30:00Z")))
        .isEqualTo(ContactStatus.MISSED);
  }

  @Test
  void theDayEndsAtTheLocalMidnightAcrossDaylightSavingChanges() {
    // Clocks go forward in Los Angeles on 2026-03-08: the next midnight is at UTC-7.
    assertThat(FollowUpContact.dueUntil(LocalDate.of(2026, 3, 8), LOS_ANGELES))
        .isEqualTo(Instant.parse("2026-03-09T07:00:00Z"));
    assertThat(FollowUpContact.dueUntil(LocalDate.of(2026, 3, 7), LOS_ANGELES))
        .isEqualTo(Instant.parse("2026-03-08T08:00:00Z"));
  }

  @Test
  void aRecordedContactIsRecordedWhateverTheDate() {
    var contact = due(LocalDate.of(2026, 1, 11), LOS_ANGELES);
    contact.recordedAt = Instant.parse("2026-01-20T00:00:00Z");
    assertThat(contact.status(Instant.parse("2026-02-01T00:00:00Z")))
        .isEqualTo(ContactStatus.RECORDED);
  }
}

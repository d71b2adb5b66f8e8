package org.mdmaat.contracts.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The daily follow-up contacts after a dose, as session-service laid them out from the trial's
 * visit template and the day of the dose (the site's local date). The one source of these contacts:
 * safety-service keeps exactly these, with these ids, whatever happens to the dosing session later
 * (an aborted session keeps its contacts).
 *
 * @param sessionId the dosing (experimental) session
 * @param dosedOn the day of the initial dose at the site, in {@code timeZone}
 */
public record FollowUpContactsScheduled(
    String sessionId,
    String participantCode,
    String trialId,
    String siteCode,
    int experimentalNumber,
    LocalDate dosedOn,
    String timeZone,
    List<Contact> contacts,
    Instant scheduledAt) {

  /** One contact: session-service's id for it, its day after the dose (1-based) and due date. */
  public record Contact(String contactId, int day, LocalDate dueDate) {}
}

package org.mdmaat.safety.followup;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashSet;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.FollowUpContactsScheduled;
import org.mdmaat.contracts.events.Topics;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.inbox.Inbox;

/**
 * Keeps the daily follow-up contacts session-service lays out when a dose is given
 * (FollowUpContactsScheduled on {@code session.sessions}): the one source of these contacts. Other
 * session events, SessionCompleted included, are not ours to apply. Each event applies once
 * (inbox), and a session's contacts once (a later event for it adds nothing); one that cannot be
 * read goes to the dead-letter topic and writes nothing.
 */
@ApplicationScoped
public class FollowUpContactsListener {
  static final String CONSUMER = "safety.session-follow-up";
  private static final Logger LOG = Logger.getLogger(FollowUpContactsListener.class);
  private static final Actor SYSTEM = Actor.system("safety-service");

  private final Inbox inbox;
  private final FollowUpService followUps;
  private final ObjectMapper json;

  FollowUpContactsListener(Inbox inbox, FollowUpService followUps, ObjectMapper json) {
    this.inbox = inbox;
    this.followUps = followUps;
    this.json = json;
  }

  @Incoming("sessions")
  public Uni<Void> on(String payload) {
    EventEnvelope event = inbox.parse(payload, Topics.SESSIONS);
    if (!EventTypes.FOLLOW_UP_CONTACTS_SCHEDULED.equals(event.type())) {
      return Uni.createFrom().voidItem(); // other session events are not ours to apply
    }
    var scheduled = read(event);
    var zone = zoneOf(event, scheduled);
    return inbox
        .applyOnce(
            CONSUMER,
            Topics.SESSIONS,
            event,
            () -> followUps.schedule(scheduled, zone, event.id(), SYSTEM).replaceWithVoid())
        .invoke(applied -> LOG.debugf("event %s applied=%s", event.id(), applied))
        // The connector parks the message with only a terse line: say why here.
        .onFailure()
        .invoke(e -> LOG.errorf(e, "FollowUpContactsScheduled %s not applied", event.id()))
        .replaceWithVoid();
  }

  /**
   * The payload, checked: whatever it lacks or contradicts throws (the message is dead-lettered).
   */
  FollowUpContactsScheduled read(EventEnvelope event) {
    FollowUpContactsScheduled scheduled;
    try {
      scheduled = json.treeToValue(event.data(), FollowUpContactsScheduled.class);
    } catch (Exception e) {
      throw new IllegalArgumentException(
          "event " + event.id() + " has no valid FollowUpContactsScheduled", e);
    }
    if (scheduled == null
        || blank(scheduled.sessionId())
        || blank(scheduled.participantCode())
        || blank(scheduled.siteCode())
        || blank(scheduled.trialId())
        || scheduled.dosedOn() == null) {
      throw malformed(event, "lacks session facts");
    }
    if (scheduled.contacts() == null) {
      // An empty list is a trial without contacts; no list at all is not a schedule.
      throw malformed(event, "has no contact list");
    }
    var ids = new HashSet<String>();
    var days = new HashSet<Integer>();
    for (var contact : scheduled.contacts()) {
      if (contact == null || blank(contact.contactId()) || contact.dueDate() == null) {
        throw malformed(event, "has a contact without id or due date");
      }
      if (contact.day() < 1) {
        throw malformed(event, "has contact " + contact.contactId() + " on day " + contact.day());
      }
      if (!ids.add(contact.contactId())) {
        throw malformed(event, "names contact " + contact.contactId() + " twice");
      }
      if (!days.add(contact.day())) {
        throw malformed(event, "has two contacts on day " + contact.day());
      }
    }
    return scheduled;
  }

  /**
   * The site's time zone, whose calendar days the due dates are. session-service lays contacts out
   * only for a site with a time zone, so an event without one (or with something else) is
   * malformed: no guessed calendar.
   */
  static ZoneId zoneOf(EventEnvelope event, FollowUpContactsScheduled scheduled) {
    if (blank(scheduled.timeZone())) {
      throw malformed(event, "names no time zone");
    }
    try {
      return ZoneId.of(scheduled.timeZone());
    } catch (DateTimeException e) {
      throw malformed(event, "names no time zone: " + scheduled.timeZone());
    }
  }

  private static IllegalArgumentException malformed(EventEnvelope event, String what) {
    return new IllegalArgumentException("FollowUpContactsScheduled " + event.id() + " " + what);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}

package org.mdmaat.safety.followup;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.mdmaat.contracts.events.FollowUpContactsScheduled;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.problem.Violation;
import org.mdmaat.platform.security.Scope;
import org.mdmaat.safety.Problems;
import org.mdmaat.safety.stopping.StoppingRules;

/**
 * The daily contacts after each dose, exactly as session-service lays them out
 * (FollowUpContactsScheduled): the trial's own number of contacts, their ids and their due dates,
 * calendar days at the site.
 */
@ApplicationScoped
public class FollowUpService {
  private static final Logger LOG = Logger.getLogger(FollowUpService.class);

  // The schedule row decides, once per dosing session, whether an event's contacts are kept: a
  // later event for the same session (a resend with a new id, a duplicate) adds nothing.
  private static final String KEEP_SCHEDULE =
      "insert into follow_up_schedule (session_id, participant_code, trial_id, site_code,"
          + " experimental_number, dosed_on, time_zone, contact_count, event_id, received_at)"
          + " values (:session, :participant, :trial, :site, :experimental, :dosedOn, :zone,"
          + " :count, :event, now()) on conflict (session_id) do nothing";

  private final AuditTrail audit;
  private final StoppingRules stoppingRules;

  FollowUpService(AuditTrail audit, StoppingRules stoppingRules) {
    this.audit = audit;
    this.stoppingRules = stoppingRules;
  }

  /** What safety-service keeps of one FollowUpContactsScheduled, as audited. */
  record ScheduleView(
      String sessionId,
      String participantCode,
      String trialId,
      String siteCode,
      int experimentalNumber,
      LocalDate dosedOn,
      String timeZone,
      UUID eventId,
      List<FollowUpContactView> contacts) {}

  /**
   * In the caller's transaction: keeps the contacts of a dosing session as {@code scheduled} lays
   * them out, due dates being calendar days in {@code zone}, unless the session already has its
   * schedule. The event must have been checked (ids present, days from 1, contact ids distinct).
   * Returns whether anything was kept.
   */
  public Uni<Boolean> schedule(
      FollowUpContactsScheduled scheduled, ZoneId zone, UUID eventId, Actor actor) {
    var contacts = new ArrayList<FollowUpContact>();
    for (var item : scheduled.contacts()) {
      var c = new FollowUpContact();
      c.id = item.contactId();
      c.sessionId = scheduled.sessionId();
      c.participantCode = scheduled.participantCode();
      c.trialId = scheduled.trialId();
      c.siteCode = scheduled.siteCode();
      c.day = item.day();
      c.dueDate = item.dueDate();
      c.dueUntil = FollowUpContact.dueUntil(item.dueDate(), zone);
      contacts.add(c);
    }
    return Panache.getSession()
        .flatMap(
            session ->
                session
                    .createNativeQuery(KEEP_SCHEDULE)
                    .setParameter("session", scheduled.sessionId())
                    .setParameter("participant", scheduled.participantCode())
                    .setParameter("trial", scheduled.trialId())
                    .setParameter("site", scheduled.siteCode())
                    .setParameter("experimental", scheduled.experimentalNumber())
                    .setParameter("dosedOn", scheduled.dosedOn())
                    .setParameter("zone", zone.getId())
                    .setParameter("count", contacts.size())
                    .setParameter("event", eventId)
                    .executeUpdate())
        .flatMap(
            inserted -> {
              if (inserted == 0) {
                LOG.infof(
                    "session %s has its follow-up schedule; event %s adds nothing",
                    scheduled.sessionId(), eventId);
                return Uni.createFrom().item(Boolean.FALSE);
              }
              return store(scheduled, zone, eventId, contacts, actor)
                  // A participant dosed after a rule suspended the trial's dosing is held too.
                  .call(
                      () ->
                          stoppingRules.holdIfDosingSuspended(
                              scheduled.participantCode(),
                              scheduled.trialId(),
                              scheduled.siteCode(),
                              actor))
                  .replaceWith(Boolean.TRUE);
            });
  }

  private Uni<Void> store(
      FollowUpContactsScheduled scheduled,
      ZoneId zone,
      UUID eventId,
      List<FollowUpContact> contacts,
      Actor actor) {
    var now = Instant.now();
    var kept =
        new ScheduleView(
            scheduled.sessionId(),
            scheduled.participantCode(),
            scheduled.trialId(),
            scheduled.siteCode(),
            scheduled.experimentalNumber(),
            scheduled.dosedOn(),
            zone.getId(),
            eventId,
            contacts.stream().map(c -> FollowUpContactView.of(c, now)).toList());
    // A trial without follow-up contacts keeps its (empty) schedule, with nothing to persist.
    Uni<Void> persisted =
        contacts.isEmpty() ? Uni.createFrom().voidItem() : FollowUpContact.persist(contacts);
    return persisted
        .call(
            () ->
                audit.record(
                    new AuditEvent(
                        actor,
                        "FollowUpSchedule",
                        scheduled.sessionId(),
                        "CREATE",
                        null,
                        kept,
                        "FollowUpContactsScheduled of experimental session "
                            + scheduled.experimentalNumber(),
                        scheduled.trialId(),
                        scheduled.participantCode())))
        .replaceWithVoid();
  }

  /** Records a contact at one of the caller's sites; another site's answers like a missing one. */
  @WithTransaction
  public Uni<FollowUpContact> record(String id, RecordContactRequest request, Scope scope) {
    var actor = scope.actor();
    return FollowUpContact.<FollowUpContact>findById(id, LockModeType.PESSIMISTIC_WRITE)
        .invoke(
            contact -> {
              if (contact == null || !scope.worksAt(contact.siteCode)) {
                throw Problems.CONTACT_NOT_FOUND.problem("No follow-up contact " + id);
              }
            })
        .flatMap(
            contact -> {
              if (contact.recordedAt != null) {
                throw Problems.CONTACT_RECORDED.problem("Follow-up contact " + id + " is recorded");
              }
              var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
              var at = request.contactedAt().toInstant().truncatedTo(ChronoUnit.MICROS);
              if (at.isAfter(now.plus(5, ChronoUnit.MINUTES))) {
                throw Problems.CONTACT_IN_FUTURE.problem(
                    "A contact cannot be recorded before it happened",
                    List.of(new Violation("contactedAt", "lies in the future")));
              }
              var before = FollowUpContactView.of(contact, now);
              contact.contactedAt = at;
              contact.note = request.note();
              contact.recordedBy = actor.subject();
              contact.recordedAt = now;
              return audit
                  .record(
                      new AuditEvent(
                          actor,
                          "FollowUpContact",
                          contact.id,
                          "UPDATE",
                          before,
                          FollowUpContactView.of(contact, now),
                          null,
                          contact.trialId,
                          contact.participantCode))
                  .replaceWith(contact);
            });
  }

  /**
   * A site's contacts, by due date; status MISSED lists the unrecorded ones whose due date has
   * ended at the site. A site of the caller's (another site: 404).
   */
  @WithSession
  public Uni<PageOf<FollowUpContactView>> atSite(
      String siteCode,
      String participantCode,
      ContactStatus status,
      Scope scope,
      int page,
      int size) {
    scope.requireSite(siteCode);
    var now = Instant.now();
    var where = new StringBuilder("siteCode = :site");
    var params = new HashMap<String, Object>();
    params.put("site", siteCode);
    if (participantCode != null) {
      where.append(" and participantCode = :participant");
      params.put("participant", participantCode);
    }
    if (status != null) {
      switch (status) {
        case RECORDED -> where.append(" and recordedAt is not null");
        case PENDING -> {
          where.append(" and recordedAt is null and dueUntil > :now");
          params.put("now", now);
        }
        case MISSED -> {
          where.append(" and recordedAt is null and dueUntil <= :now");
          params.put("now", now);
        }
      }
    }
    return PageOf.of(
        FollowUpContact.<FollowUpContact>find(
            where.toString(), Sort.ascending("dueDate", "participantCode", "day"), params),
        c -> FollowUpContactView.of(c, now),
        page,
        size);
  }
}

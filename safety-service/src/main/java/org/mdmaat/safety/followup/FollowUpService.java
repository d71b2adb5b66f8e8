package org.mdmaat.safety.followup;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.mdmaat.contracts.events.SessionCompleted;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.problem.Conflict;
import org.mdmaat.platform.problem.NotFound;
import org.mdmaat.platform.problem.RuleViolation;
import org.mdmaat.platform.problem.Violation;

/** The daily contacts after each dosing session. */
@ApplicationScoped
public class FollowUpService {
  /** Daily contacts after an experimental session (DOMAIN.md). */
  static final int CONTACT_DAYS = 7;

  private final AuditTrail audit;

  FollowUpService(AuditTrail audit) {
    this.audit = audit;
  }

  /**
   * In the caller's transaction: schedules the contacts of a completed dosing session, due on the 7
   * UTC calendar days after it.
   */
  public Uni<Void> schedule(SessionCompleted session, Actor actor) {
    var first = LocalDate.ofInstant(session.completedAt(), ZoneOffset.UTC);
    var contacts = new ArrayList<FollowUpContact>();
    for (int day = 1; day <= CONTACT_DAYS; day++) {
      var c = new FollowUpContact();
      c.id = UUID.randomUUID();
      c.sessionId = session.sessionId();
      c.participantCode = session.participantCode();
      c.trialId = session.trialId();
      c.siteCode = session.siteCode();
      c.day = day;
      c.dueDate = first.plusDays(day);
      contacts.add(c);
    }
    var today = LocalDate.now(ZoneOffset.UTC);
    // Another SessionCompleted for the same session (a resend with a new id) adds nothing.
    return FollowUpContact.count("sessionId", session.sessionId())
        .flatMap(
            existing ->
                existing > 0
                    ? Uni.createFrom().voidItem()
                    : store(session, contacts, today, actor));
  }

  private Uni<Void> store(
      SessionCompleted session, List<FollowUpContact> contacts, LocalDate today, Actor actor) {
    return FollowUpContact.persist(contacts)
        .call(
            () ->
                audit.record(
                    new AuditEvent(
                        actor,
                        "FollowUpSchedule",
                        session.sessionId(),
                        "CREATE",
                        null,
                        contacts.stream().map(c -> FollowUpContactView.of(c, today)).toList(),
                        "SessionCompleted (" + session.kind() + ")",
                        session.trialId(),
                        session.participantCode())))
        .replaceWithVoid();
  }

  @WithTransaction
  public Uni<FollowUpContact> record(
      UUID id, RecordContactRequest request, Actor actor, Consumer<FollowUpContact> visibleTo) {
    return FollowUpContact.<FollowUpContact>findById(id, LockModeType.PESSIMISTIC_WRITE)
        .onItem()
        .ifNull()
        .failWith(() -> new NotFound("SAF-0404-CONTACT", "No follow-up contact " + id))
        .invoke(visibleTo)
        .flatMap(
            contact -> {
              if (contact.recordedAt != null) {
                throw new Conflict(
                    "SAF-0409-CONTACT-RECORDED", "Follow-up contact " + id + " is recorded");
              }
              var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
              var at = request.contactedAt().toInstant().truncatedTo(ChronoUnit.MICROS);
              if (at.isAfter(now.plus(5, ChronoUnit.MINUTES))) {
                throw new RuleViolation(
                    "SAF-0422-CONTACT-FUTURE",
                    "A contact cannot be recorded before it happened",
                    List.of(new Violation("contactedAt", "lies in the future")));
              }
              var today = LocalDate.now(ZoneOffset.UTC);
              var before = FollowUpContactView.of(contact, today);
              contact.contactedAt = at;
              contact.note = request.note();
              contact.recordedBy = actor.subject();
              contact.recordedAt = now;
              return audit
                  .record(
                      new AuditEvent(
                          actor,
                          "FollowUpContact",
                          contact.id.toString(),
                          "UPDATE",
                          before,
                          FollowUpContactView.of(contact, today),
                          null,
                          contact.trialId,
                          contact.participantCode))
                  .replaceWith(contact);
            });
  }

  @WithSession
  public Uni<FollowUpContact> get(UUID id) {
    return FollowUpContact.<FollowUpContact>findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> new NotFound("SAF-0404-CONTACT", "No follow-up contact " + id));
  }

  /** A site's contacts, by due date; status MISSED lists the overdue unrecorded ones. */
  @WithSession
  public Uni<PageOf<FollowUpContactView>> atSite(
      String siteCode, String participantCode, ContactStatus status, int page, int size) {
    var today = LocalDate.now(ZoneOffset.UTC);
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
          where.append(" and recordedAt is null and dueDate >= :today");
          params.put("today", today);
        }
        case MISSED -> {
          where.append(" and recordedAt is null and dueDate < :today");
          params.put("today", today);
        }
      }
    }
    return FollowUpContact.<FollowUpContact>find(
            where.toString(), Sort.ascending("dueDate", "participantCode", "day"), params)
        .page(Page.of(page, size))
        .list()
        .flatMap(
            items ->
                FollowUpContact.count(where.toString(), params)
                    .map(
                        total ->
                            new PageOf<>(
                                items.stream().map(c -> FollowUpContactView.of(c, today)).toList(),
                                page,
                                size,
                                total)));
  }
}

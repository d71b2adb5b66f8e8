package org.mdmaat.session.schedule;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.FollowUpContactsScheduled;
import org.mdmaat.contracts.events.ParticipantRandomized;
import org.mdmaat.contracts.events.ParticipantWithdrawn;
import org.mdmaat.contracts.events.SessionRescheduled;
import org.mdmaat.contracts.events.SessionScheduled;
import org.mdmaat.contracts.events.Topics;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;
import org.mdmaat.platform.inbox.ConflictingEvent;
import org.mdmaat.platform.outbox.Outbox;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.security.Scope;
import org.mdmaat.session.Problems;
import org.mdmaat.session.participant.Participant;
import org.mdmaat.session.participant.VisitPlan;

/**
 * Participants' schedules: created when a participant is randomized, cancelled (sessions not yet
 * begun) when they withdraw. Callers provide the transaction (the inbox's, for events).
 */
@ApplicationScoped
public class ScheduleService {
  public static final String SOURCE = "session-service";

  private final ScheduleGenerator generator;
  private final AuditTrail audit;
  private final Outbox outbox;
  private final ObjectMapper json;

  ScheduleService(ScheduleSettings settings, AuditTrail audit, Outbox outbox, ObjectMapper json) {
    this.generator = new ScheduleGenerator(settings);
    this.audit = audit;
    this.outbox = outbox;
    this.json = json;
  }

  /**
   * Keeps the participant and generates their schedule, in the caller's transaction. A participant
   * already known keeps the schedule they have (a second randomization event changes nothing).
   */
  public Uni<Void> randomized(
      ParticipantRandomized event, VisitPlan plan, ZoneId zone, Actor actor) {
    return Participant.<Participant>findById(event.participantCode())
        .flatMap(
            existing -> {
              if (existing == null) {
                return create(event, plan, zone, actor);
              }
              // The same randomization again is nothing new; a different one is never applied.
              if (!existing.trialId.equals(event.trialId())
                  || !existing.siteCode.equals(event.siteCode())
                  || !java.util.Objects.equals(existing.kitCode, event.kitCode())) {
                throw new ConflictingEvent(
                    "ParticipantRandomized for "
                        + event.participantCode()
                        + " differs from the randomization already known (trial, site or kit)");
              }
              return Uni.createFrom().voidItem();
            });
  }

  private Uni<Void> create(ParticipantRandomized event, VisitPlan plan, ZoneId zone, Actor actor) {
    var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    var participant = new Participant();
    participant.participantCode = event.participantCode();
    participant.trialId = event.trialId();
    participant.siteCode = event.siteCode();
    participant.kitCode = event.kitCode();
    participant.stratum = event.stratum();
    participant.status = Participant.ACTIVE;
    participant.randomizedAt = event.randomizedAt() == null ? now : event.randomizedAt();
    participant.timeZone = zone.getId();

    // Windows are the site's calendar days: randomized at 23:00 in San Francisco is that day there.
    var randomizedOn = participant.randomizedAt.atZone(zone).toLocalDate();
    List<ProtocolSession> sessions =
        generator.plan(plan, randomizedOn).stream()
            .map(
                planned -> {
                  var s = new ProtocolSession();
                  s.id = UUID.randomUUID();
                  s.participantCode = participant.participantCode;
                  s.trialId = participant.trialId;
                  s.siteCode = participant.siteCode;
                  s.kind = planned.kind();
                  s.number = planned.number();
                  s.experimentalNumber = planned.experimentalNumber();
                  s.targetDate = planned.targetDate();
                  s.windowStart = planned.windowStart();
                  s.windowEnd = planned.windowEnd();
                  s.status = SessionStatus.SCHEDULED;
                  s.scheduledAt = now;
                  s.updatedAt = now;
                  return s;
                })
            .toList();

    Uni<Void> work =
        participant
            .persist()
            .chain(() -> PanacheEntityBase.persist(sessions))
            .call(
                () ->
                    audit.record(
                        new AuditEvent(
                            actor,
                            "Participant",
                            participant.participantCode,
                            "CREATE",
                            null,
                            new ParticipantRecordView(participant),
                            "ParticipantRandomized from recruitment-service",
                            participant.trialId,
                            participant.participantCode)))
            .call(
                () ->
                    audit.record(
                        new AuditEvent(
                            actor,
                            "Schedule",
                            participant.participantCode,
                            "CREATE",
                            null,
                            sessions.stream().map(SessionView::of).toList(),
                            "schedule generated from the trial's visit template " + plan,
                            participant.trialId,
                            participant.participantCode)))
            .replaceWithVoid();
    for (var s : sessions) {
      work = work.call(() -> publishScheduled(s, now));
    }
    return work;
  }

  private Uni<Void> publishScheduled(ProtocolSession s, Instant at) {
    var payload =
        new SessionScheduled(
            s.id.toString(),
            s.participantCode,
            s.trialId,
            s.siteCode,
            s.kind.name(),
            s.number,
            s.targetDate,
            s.windowStart,
            s.windowEnd,
            at);
    return outbox.publish(
        Topics.SESSIONS,
        s.participantCode,
        EventEnvelope.of(
            EventTypes.SESSION_SCHEDULED,
            SOURCE,
            s.trialId,
            s.participantCode,
            json.valueToTree(payload)));
  }

  /**
   * In the dose's transaction, after the initial dose of experimental session {@code dosed} on
   * {@code dosedOn} (the site's day): its integration sessions and follow-up contacts, and the
   * later experimental sessions with theirs, are laid out again from that day. Only sessions not
   * yet begun move; each move is audited and announced (SessionRescheduled). Then the follow-up
   * contacts of the dosed session are announced (FollowUpContactsScheduled), the one list
   * safety-service keeps, so they stand even if the session is aborted later.
   */
  public Uni<Void> dosed(
      ProtocolSession dosed, VisitPlan plan, LocalDate dosedOn, ZoneId zone, Actor actor) {
    var planned = generator.after(plan, dosed.number, dosedOn);
    var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    var reason =
        "re-anchored to the dose of experimental session " + dosed.number + " on " + dosedOn;
    return ProtocolSession.<ProtocolSession>list(
            "participantCode = ?1 order by targetDate, kind, number", dosed.participantCode)
        .flatMap(
            sessions -> {
              Uni<Void> work = Uni.createFrom().voidItem();
              for (var p : planned) {
                var row =
                    sessions.stream()
                        .filter(s -> s.kind == p.kind() && s.number == p.number())
                        .findFirst()
                        .orElse(null);
                if (row == null
                    || row.status != SessionStatus.SCHEDULED
                    || (row.targetDate.equals(p.targetDate())
                        && row.windowStart.equals(p.windowStart())
                        && row.windowEnd.equals(p.windowEnd()))) {
                  continue;
                }
                work = work.call(() -> reschedule(row, p, reason, now, actor));
              }
              var contacts =
                  sessions.stream()
                      .filter(
                          s ->
                              s.kind == SessionKind.FOLLOW_UP_CONTACT
                                  && Integer.valueOf(dosed.number).equals(s.experimentalNumber)
                                  && s.status != SessionStatus.CANCELLED)
                      .sorted(java.util.Comparator.comparing(s -> s.number))
                      .toList();
              return work.call(() -> announceContacts(dosed, contacts, dosedOn, zone, now));
            });
  }

  private Uni<Void> reschedule(
      ProtocolSession s,
      ScheduleGenerator.PlannedSession p,
      String reason,
      Instant now,
      Actor actor) {
    var before = SessionView.of(s);
    s.targetDate = p.targetDate();
    s.windowStart = p.windowStart();
    s.windowEnd = p.windowEnd();
    s.updatedAt = now;
    var payload =
        new SessionRescheduled(
            s.id.toString(),
            s.participantCode,
            s.trialId,
            s.siteCode,
            s.kind.name(),
            s.number,
            s.targetDate,
            s.windowStart,
            s.windowEnd,
            reason,
            now);
    return audit
        .record(
            new AuditEvent(
                actor,
                "ProtocolSession",
                s.id.toString(),
                "RESCHEDULE",
                before,
                SessionView.of(s),
                reason,
                s.trialId,
                s.participantCode))
        .call(
            () ->
                outbox.publish(
                    Topics.SESSIONS,
                    s.participantCode,
                    EventEnvelope.of(
                        EventTypes.SESSION_RESCHEDULED,
                        SOURCE,
                        s.trialId,
                        s.participantCode,
                        json.valueToTree(payload))))
        .replaceWithVoid();
  }

  private Uni<Void> announceContacts(
      ProtocolSession dosed,
      List<ProtocolSession> contacts,
      LocalDate dosedOn,
      ZoneId zone,
      Instant now) {
    var payload =
        new FollowUpContactsScheduled(
            dosed.id.toString(),
            dosed.participantCode,
            dosed.trialId,
            dosed.siteCode,
            dosed.number,
            dosedOn,
            zone.getId(),
            contacts.stream()
                .map(
                    c ->
                        new FollowUpContactsScheduled.Contact(
                            c.id.toString(),
                            (int) ChronoUnit.DAYS.between(dosedOn, c.targetDate),
                            c.targetDate))
                .toList(),
            now);
    return outbox.publish(
        Topics.SESSIONS,
        dosed.participantCode,
        EventEnvelope.of(
            EventTypes.FOLLOW_UP_CONTACTS_SCHEDULED,
            SOURCE,
            dosed.trialId,
            dosed.participantCode,
            json.valueToTree(payload)));
  }

  /**
   * Marks the participant withdrawn and cancels every session not yet begun, each audited, in the
   * caller's transaction. A participant this service never knew is left alone.
   */
  public Uni<Void> withdrawn(ParticipantWithdrawn event, Actor actor) {
    return Participant.<Participant>findById(event.participantCode())
        .flatMap(
            participant -> {
              if (participant == null || Participant.WITHDRAWN.equals(participant.status)) {
                return Uni.createFrom().voidItem();
              }
              var before = new ParticipantRecordView(participant);
              participant.status = Participant.WITHDRAWN;
              participant.withdrawnAt =
                  event.withdrawnAt() == null ? Instant.now() : event.withdrawnAt();
              var reason = "ParticipantWithdrawn: " + event.reason();
              return audit
                  .record(
                      new AuditEvent(
                          actor,
                          "Participant",
                          participant.participantCode,
                          "UPDATE",
                          before,
                          new ParticipantRecordView(participant),
                          reason,
                          participant.trialId,
                          participant.participantCode))
                  .chain(
                      () ->
                          ProtocolSession.<ProtocolSession>list(
                              "participantCode = ?1 and status = ?2 order by targetDate",
                              participant.participantCode,
                              SessionStatus.SCHEDULED))
                  .flatMap(
                      pending -> {
                        Uni<Void> work = Uni.createFrom().voidItem();
                        var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
                        for (var s : pending) {
                          work = work.call(() -> cancel(s, reason, now, actor));
                        }
                        return work;
                      });
            });
  }

  private Uni<Void> cancel(ProtocolSession s, String reason, Instant now, Actor actor) {
    var before = SessionView.of(s);
    s.status = SessionStatus.CANCELLED;
    s.statusReason = reason;
    s.updatedAt = now;
    return audit
        .record(
            new AuditEvent(
                actor,
                "ProtocolSession",
                s.id.toString(),
                "TRANSITION",
                before,
                SessionView.of(s),
                reason,
                s.trialId,
                s.participantCode))
        .replaceWithVoid();
  }

  /**
   * A participant's schedule, in date order; 404 for an unknown participant or one of a site not in
   * {@code sites}, alike.
   */
  @WithSession
  public Uni<PageOf<SessionView>> schedule(
      String participantCode, Scope scope, int page, int size) {
    return Participant.<Participant>findById(participantCode)
        .invoke(
            p -> {
              if (p == null || !scope.worksAt(p.siteCode)) {
                throw Problems.NOT_FOUND.problem("No participant " + participantCode);
              }
            })
        .chain(() -> schedulePage(participantCode, page, size));
  }

  private Uni<PageOf<SessionView>> schedulePage(String participantCode, int page, int size) {
    return PageOf.of(
        ProtocolSession.<ProtocolSession>find(
            "participantCode = ?1 order by targetDate, kind, number", participantCode),
        SessionView::of,
        page,
        size);
  }

  /**
   * A site's sessions with target dates in {@code from..to} (inclusive), optionally by status: the
   * query parameters as given, read after the site check (see {@link SiteVisitsQuery}).
   */
  @WithSession
  public Uni<PageOf<SessionView>> atSite(
      String siteCode,
      String fromDate,
      String toDate,
      String statusName,
      Scope scope,
      int page,
      int size) {
    scope.requireSite(siteCode);
    var query = SiteVisitsQuery.of(fromDate, toDate, statusName);
    var from = query.from();
    var to = query.to();
    var status = query.status();
    var where = new StringBuilder("siteCode = :site and targetDate >= :from and targetDate <= :to");
    var parameters =
        io.quarkus.panache.common.Parameters.with("site", siteCode).and("from", from).and("to", to);
    if (status != null) {
      where.append(" and status = :status");
      parameters = parameters.and("status", status);
    }
    var filter = where.toString();
    var bound = parameters;
    return PageOf.of(
        ProtocolSession.<ProtocolSession>find(
            filter + " order by targetDate, participantCode, kind, number", bound),
        SessionView::of,
        page,
        size);
  }

  /** A session; 404 when unknown. Callers check the site. */
  @WithSession
  public Uni<ProtocolSession> session(UUID id) {
    return ProtocolSession.<ProtocolSession>findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> Problems.NOT_FOUND.problem("No session " + id));
  }

  /** The participant as audited: never an arm. */
  public record ParticipantRecordView(
      String participantCode,
      String trialId,
      String siteCode,
      String kitCode,
      String stratum,
      String status,
      String timeZone,
      Instant randomizedAt,
      Instant withdrawnAt) {
    ParticipantRecordView(Participant p) {
      this(
          p.participantCode,
          p.trialId,
          p.siteCode,
          p.kitCode,
          p.stratum,
          p.status,
          p.timeZone,
          p.randomizedAt,
          p.withdrawnAt);
    }
  }
}

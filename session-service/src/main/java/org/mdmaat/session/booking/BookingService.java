package org.mdmaat.session.booking;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.problem.Violation;
import org.mdmaat.platform.security.Scope;
import org.mdmaat.session.Problems;
import org.mdmaat.session.participant.Participant;
import org.mdmaat.session.schedule.ProtocolSession;
import org.mdmaat.session.schedule.SessionStatus;
import org.mdmaat.session.schedule.SessionView;

/**
 * Books sessions into rooms with their therapists. Therapists are Keycloak accounts with the
 * therapist role at the session's site ({@link TherapistDirectory}), stored by subject and
 * username. No room and no therapist is ever in two overlapping sessions (409): bookings take one
 * transaction-scoped lock, so two concurrent bookings cannot both pass the overlap check. A time
 * outside the session's window needs a reason and is recorded as a protocol deviation.
 */
@ApplicationScoped
public class BookingService {
  static final String BOOKING_LOCK =
      "select 1 from pg_advisory_xact_lock(hashtext('session-service:booking'))";
  private static final List<SessionStatus> NOT_OCCUPYING =
      List.of(SessionStatus.CANCELLED, SessionStatus.ABORTED);

  private final TherapistDirectory therapists;
  private final ProtocolDeviations deviations;
  private final AuditTrail audit;

  BookingService(TherapistDirectory therapists, ProtocolDeviations deviations, AuditTrail audit) {
    this.therapists = therapists;
    this.deviations = deviations;
    this.audit = audit;
  }

  /**
   * Books (or rebooks) a session at one of {@code callerSites}; 404 for any other. The session and
   * the protocol rules are checked first, then the therapists in Keycloak (outside any transaction:
   * no lock is held while Keycloak answers), then everything again under the booking lock with the
   * overlap checks, and only then is anything written.
   */
  public Uni<SessionView> book(UUID id, BookingRequest request, Scope scope) {
    var callerSites = scope.sites();
    var actor = scope.actor();
    var startsAt = request.startsAt().toInstant().truncatedTo(ChronoUnit.MICROS);
    var endsAt = request.endsAt().toInstant().truncatedTo(ChronoUnit.MICROS);
    var requested = request.therapists().stream().map(String::trim).toList();
    var zone = new java.util.concurrent.atomic.AtomicReference<ZoneId>();
    return Panache.withSession(
            () ->
                ProtocolSession.<ProtocolSession>findById(id)
                    .invoke(session -> visible(id, session, callerSites))
                    .call(session -> siteZone(session).invoke(zone::set)))
        .invoke(
            session ->
                bookable(
                    id, session, request, startsAt, endsAt, requested, callerSites, zone.get()))
        .chain(session -> therapists.resolve(requested, session.siteCode))
        .chain(
            booked ->
                Panache.withTransaction(
                    () ->
                        Panache.getSession()
                            .chain(
                                s ->
                                    s.createNativeQuery(BOOKING_LOCK, Integer.class)
                                        .getSingleResult())
                            .chain(
                                () ->
                                    ProtocolSession.<ProtocolSession>findById(
                                        id, LockModeType.PESSIMISTIC_WRITE))
                            .invoke(
                                session ->
                                    bookable(
                                        id,
                                        session,
                                        request,
                                        startsAt,
                                        endsAt,
                                        requested,
                                        callerSites,
                                        zone.get()))
                            .call(
                                session ->
                                    noOverlap(
                                        session, request.room().trim(), startsAt, endsAt, booked))
                            .chain(
                                session ->
                                    store(
                                        session,
                                        request,
                                        startsAt,
                                        endsAt,
                                        booked,
                                        zone.get(),
                                        actor))));
  }

  private static void visible(UUID id, ProtocolSession session, Set<String> callerSites) {
    if (session == null || !callerSites.contains(session.siteCode)) {
      throw Problems.NOT_FOUND.problem("No session " + id);
    }
  }

  /**
   * The participant's site time zone, kept from the trial's protocol: windows are the site's
   * calendar days. None recorded (a participant scheduled before zones existed) is refused rather
   * than judged in UTC.
   */
  private static Uni<ZoneId> siteZone(ProtocolSession session) {
    return Participant.<Participant>findById(session.participantCode)
        .map(
            p -> {
              if (p == null || p.timeZone == null || p.timeZone.isBlank()) {
                throw Problems.TRIAL_SETTINGS.problem(
                    "No time zone is recorded for site "
                        + session.siteCode
                        + " of participant "
                        + session.participantCode
                        + ": the session's window cannot be judged",
                    List.of(
                        new Violation("sites[" + session.siteCode + "].timeZone", "not recorded")));
              }
              return ZoneId.of(p.timeZone);
            });
  }

  /** 404 (absent or another site's), 409 (not SCHEDULED), 422 (protocol rules, a name twice). */
  private static void bookable(
      UUID id,
      ProtocolSession session,
      BookingRequest request,
      Instant startsAt,
      Instant endsAt,
      List<String> requested,
      Set<String> callerSites,
      ZoneId zone) {
    visible(id, session, callerSites);
    if (session.status != SessionStatus.SCHEDULED) {
      throw Problems.ILLEGAL_TRANSITION.problem(
          "Session " + id + " is " + session.status + ": only a SCHEDULED one is booked");
    }
    TherapistDirectory.requireDistinctNames(requested);
    rules(session, request, startsAt, endsAt, requested.size(), zone);
  }

  private static void rules(
      ProtocolSession session,
      BookingRequest request,
      Instant startsAt,
      Instant endsAt,
      int therapists,
      ZoneId zone) {
    var violations = new ArrayList<Violation>();
    if (!endsAt.isAfter(startsAt)) {
      violations.add(new Violation("endsAt", "must be after startsAt"));
    }
    if (session.dosing() && therapists < 2) {
      violations.add(
          new Violation("therapists", "a dosing session needs two therapists, distinct"));
    }
    if (outsideWindow(session, startsAt, zone)
        && (request.deviationReason() == null || request.deviationReason().isBlank())) {
      violations.add(
          new Violation(
              "deviationReason",
              "startsAt is outside the window "
                  + session.windowStart
                  + ".."
                  + session.windowEnd
                  + " ("
                  + zone
                  + "): a protocol deviation reason is required"));
    }
    if (!violations.isEmpty()) {
      throw Problems.BOOKING_RULE.problem("The booking breaks the protocol", violations);
    }
  }

  static boolean outsideWindow(ProtocolSession session, Instant startsAt, ZoneId zone) {
    var day = startsAt.atZone(zone).toLocalDate();
    return day.isBefore(session.windowStart) || day.isAfter(session.windowEnd);
  }

  /**
   * 409 when the room (at the site) or a therapist (anywhere) is in an overlapping session that
   * still occupies them. Therapists are compared by subject; rows older than migration V6 have none
   * and are compared by name, case-insensitively.
   */
  private Uni<Void> noOverlap(
      ProtocolSession session,
      String room,
      Instant startsAt,
      Instant endsAt,
      List<BookedTherapist> booked) {
    var subs = booked.stream().map(BookedTherapist::sub).toList();
    var names = booked.stream().map(t -> t.username().toLowerCase(Locale.ROOT)).toList();
    return ProtocolSession.<ProtocolSession>find(
            "siteCode = ?1 and room = ?2 and id <> ?3 and status not in ?4"
                + " and startsAt < ?5 and endsAt > ?6",
            session.siteCode,
            room,
            session.id,
            NOT_OCCUPYING,
            endsAt,
            startsAt)
        .firstResult()
        .invoke(
            clash -> {
              if (clash != null) {
                throw Problems.ROOM_TAKEN.problem(
                    "Room "
                        + room
                        + " is already booked from "
                        + clash.startsAt
                        + " to "
                        + clash.endsAt);
              }
            })
        .chain(
            () ->
                Panache.getSession()
                    .chain(
                        s ->
                            s.createQuery(
                                    "select t.therapist from SessionTherapist t, ProtocolSession o"
                                        + " where o.id = t.sessionId"
                                        + " and (t.therapistSub in :subs"
                                        + " or (t.therapistSub is null"
                                        + " and lower(t.therapist) in :names))"
                                        + " and o.id <> :id and o.status not in :inactive"
                                        + " and o.startsAt < :endsAt and o.endsAt > :startsAt",
                                    String.class)
                                .setParameter("subs", subs)
                                .setParameter("names", names)
                                .setParameter("id", session.id)
                                .setParameter("inactive", NOT_OCCUPYING)
                                .setParameter("endsAt", endsAt)
                                .setParameter("startsAt", startsAt)
                                .getResultList()))
        .invoke(
            busy -> {
              if (!busy.isEmpty()) {
                var who = new TreeSet<String>();
                busy.forEach(name -> who.add(name.toLowerCase(Locale.ROOT)));
                throw Problems.THERAPIST_TAKEN.problem(
                    "Already booked in an overlapping session: " + String.join(", ", who));
              }
            })
        .replaceWithVoid();
  }

  private Uni<SessionView> store(
      ProtocolSession session,
      BookingRequest request,
      Instant startsAt,
      Instant endsAt,
      List<BookedTherapist> booked,
      ZoneId zone,
      Actor actor) {
    var before = SessionView.of(session);
    var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    session.room = request.room().trim();
    session.startsAt = startsAt;
    session.endsAt = endsAt;
    session.therapists = String.join(",", booked.stream().map(BookedTherapist::username).toList());
    session.updatedAt = now;
    var rows =
        booked.stream()
            .map(
                therapist -> {
                  var row = new SessionTherapist();
                  row.id = UUID.randomUUID();
                  row.sessionId = session.id;
                  row.therapist = therapist.username();
                  row.therapistSub = therapist.sub();
                  return row;
                })
            .toList();
    boolean deviation = outsideWindow(session, startsAt, zone);
    String reason = deviation ? request.deviationReason().trim() : null;
    Uni<?> work =
        SessionTherapist.delete("sessionId", session.id)
            .call(() -> Panache.getSession().chain(s -> s.flush()))
            .call(() -> PanacheEntityBase.persist(rows))
            .call(
                () ->
                    audit.record(
                        new AuditEvent(
                            actor,
                            "ProtocolSession",
                            session.id.toString(),
                            "BOOK",
                            before,
                            SessionView.of(session),
                            reason,
                            session.trialId,
                            session.participantCode)));
    if (deviation) {
      work = work.call(() -> recordDeviation(session, reason, actor, now));
    }
    return work.replaceWith(() -> SessionView.of(session));
  }

  private Uni<Void> recordDeviation(
      ProtocolSession session, String reason, Actor actor, Instant now) {
    var detail =
        reason
            + " ("
            + session.kind
            + " "
            + session.number
            + " booked "
            + session.startsAt
            + ", window "
            + session.windowStart
            + ".."
            + session.windowEnd
            + ")";
    return deviations
        .record(
            ProtocolDeviations.of(session, ProtocolDeviation.OUTSIDE_WINDOW, detail, actor, now),
            reason,
            actor)
        .replaceWithVoid();
  }

  @WithSession
  public Uni<PageOf<DeviationView>> deviations(String siteCode, Scope scope, int page, int size) {
    scope.requireSite(siteCode);
    return PageOf.of(
        ProtocolDeviation.<ProtocolDeviation>find(
            "siteCode = ?1 order by recordedAt desc, id", siteCode),
        DeviationView::of,
        page,
        size);
  }
}

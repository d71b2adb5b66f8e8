package org.mdmaat.safety.adverse;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.security.Scope;
import org.mdmaat.safety.Problems;
import org.mdmaat.safety.trial.TrialAccess;

/**
 * Expedited IND safety reports (21 CFR 312.32(c)): when one is due, which a trial owes, and their
 * submission. A serious, unexpected, suspected adverse event owes one, due 15 calendar days (7 when
 * fatal or life-threatening) after the UTC day its reporter became aware of it. The clock follows
 * the event through every follow-up ({@link #track}); every clock it had is kept.
 */
@ApplicationScoped
public class ExpeditedReports {
  /** Calendar days for an expedited IND safety report (21 CFR 312.32(c)). */
  static final int REPORT_DAYS = 15;

  static final int FATAL_OR_LIFE_THREATENING_REPORT_DAYS = 7;

  private final AuditTrail audit;
  private final TrialAccess trials;

  ExpeditedReports(AuditTrail audit, TrialAccess trials) {
    this.audit = audit;
    this.trials = trials;
  }

  /** The due date of a clock of {@code days} counted from the UTC day of {@code aware}. */
  static LocalDate dueDate(int days, Instant aware) {
    return LocalDate.ofInstant(aware, ZoneOffset.UTC).plusDays(days);
  }

  /** The due date of the event's clock counted from {@code aware}: 7 or 15 calendar days. */
  static LocalDate dueDate(AdverseEvent event, Instant aware) {
    return dueDate(daysFor(event), aware);
  }

  static int daysFor(AdverseEvent event) {
    return event.fatalOrLifeThreatening() ? FATAL_OR_LIFE_THREATENING_REPORT_DAYS : REPORT_DAYS;
  }

  /**
   * In the caller's transaction, after every report and follow-up of {@code event} (already
   * persisted, at its new version): recomputes its expedited-report obligation and keeps every
   * clock it had. No obligation any more: the running clock is cleared. A fatal or life-threatening
   * upgrade (or an earlier awareness) supersedes it by one due no later. After a submitted report,
   * an event newly fatal or life-threatening owes a new one. A clock never moves later.
   */
  Uni<Void> track(AdverseEvent event, Actor actor, Instant now) {
    return ExpeditedReportClock.<ExpeditedReportClock>list(
            "adverseEventId = ?1 order by startedAt, id", event.id)
        .flatMap(
            clocks -> {
              var running = clocks.stream().filter(ExpeditedReportClock::running).findFirst();
              var last = clocks.isEmpty() ? null : clocks.get(clocks.size() - 1);
              if (!event.needsExpeditedReport()) {
                if (running.isEmpty()) {
                  return Uni.createFrom().voidItem();
                }
                event.expeditedDue = null;
                return end(
                    running.get(),
                    ExpeditedReportClock.Outcome.CLEARED,
                    event,
                    whyNoReport(event),
                    actor,
                    now);
              }
              int days = daysFor(event);
              var due = dueDate(days, event.awarenessAt);
              if (running.isPresent()) {
                var clock = running.get();
                if (days >= clock.days && !due.isBefore(clock.due)) {
                  event.expeditedDue = clock.due; // the same obligation: its due date stands
                  return Uni.createFrom().voidItem();
                }
                var earlier = due.isBefore(clock.due) ? due : clock.due;
                event.expeditedDue = earlier;
                return end(
                        clock,
                        ExpeditedReportClock.Outcome.SUPERSEDED,
                        event,
                        days < clock.days
                            ? "now fatal or life-threatening: " + days + " days"
                            : "awareness now earlier",
                        actor,
                        now)
                    // The ended clock is written before its successor: one running clock each.
                    .chain(() -> Panache.getSession().chain(session -> session.flush()))
                    .chain(() -> start(event, Math.min(days, clock.days), earlier, actor, now));
              }
              if (last != null
                  && last.outcome == ExpeditedReportClock.Outcome.SUBMITTED
                  && !newlyFatalOrLifeThreatening(event, last)) {
                return Uni.createFrom().voidItem(); // reported; nothing new to report urgently
              }
              // First obligation, again owed after being cleared, or a new one after a submitted
              // report (a death, say).
              event.expeditedDue = due;
              event.expeditedSubmittedAt = null;
              event.expeditedSubmittedBy = null;
              event.expeditedReference = null;
              return start(event, days, due, actor, now);
            });
  }

  private static boolean newlyFatalOrLifeThreatening(
      AdverseEvent event, ExpeditedReportClock submitted) {
    var before = Set.of(submitted.seriousness.split(","));
    return event.criteria().stream()
        .filter(SeriousnessCriterion::shortensReportClock)
        .anyMatch(c -> !before.contains(c.name()));
  }

  private static String whyNoReport(AdverseEvent event) {
    if (!event.serious) {
      return "no longer serious";
    }
    if (event.expected) {
      return "judged expected";
    }
    return "judged not related (" + event.relatedness + ")";
  }

  private Uni<Void> start(AdverseEvent event, int days, LocalDate due, Actor actor, Instant now) {
    var clock = new ExpeditedReportClock();
    clock.id = UUID.randomUUID();
    clock.adverseEventId = event.id;
    clock.trialId = event.trialId;
    clock.siteCode = event.siteCode;
    clock.startedVersion = event.version;
    clock.seriousness = event.seriousness;
    clock.days = days;
    clock.awarenessAt = event.awarenessAt;
    clock.due = due;
    clock.startedAt = now;
    return clock
        .persist()
        .call(() -> audited(clock, "START", null, actor, "due " + due))
        .replaceWithVoid();
  }

  private Uni<Void> end(
      ExpeditedReportClock clock,
      ExpeditedReportClock.Outcome outcome,
      AdverseEvent event,
      String reason,
      Actor actor,
      Instant now) {
    var before = ExpeditedReportClock.View.of(clock);
    clock.end(outcome, event.version, now, reason);
    return audited(clock, outcome.name(), before, actor, reason);
  }

  private Uni<Void> audited(
      ExpeditedReportClock clock,
      String action,
      ExpeditedReportClock.View before,
      Actor actor,
      String reason) {
    return audit
        .record(
            new AuditEvent(
                actor,
                "ExpeditedReportClock",
                clock.id.toString(),
                action,
                before,
                ExpeditedReportClock.View.of(clock),
                reason,
                clock.trialId,
                null))
        .replaceWithVoid();
  }

  /** Every clock of an adverse event at one of the caller's sites, oldest first. */
  @WithSession
  public Uni<List<ExpeditedReportClock.View>> clocks(UUID id, Scope scope) {
    return AdverseEventService.visibleById(id, scope)
        .chain(
            () ->
                ExpeditedReportClock.<ExpeditedReportClock>list(
                    "adverseEventId = ?1 order by startedAt, id", id))
        .map(clocks -> clocks.stream().map(ExpeditedReportClock.View::of).toList());
  }

  /** The report of an adverse event at one of the caller's sites was submitted. */
  @WithTransaction
  public Uni<AdverseEvent> submitted(UUID id, String reference, Scope scope) {
    var actor = scope.actor();
    return AdverseEventService.forUpdate(id, scope)
        .flatMap(
            event -> {
              if (event.expeditedDue == null) {
                throw Problems.NO_EXPEDITED_REPORT.problem(
                    "Adverse event " + id + " needs no expedited report");
              }
              if (event.expeditedSubmittedAt != null) {
                throw Problems.REPORT_SUBMITTED.problem(
                    "The expedited report of adverse event " + id + " was already submitted");
              }
              var before = AdverseEventView.of(event);
              var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
              event.expeditedSubmittedAt = now;
              event.expeditedSubmittedBy = actor.subject();
              event.expeditedReference = reference;
              return ExpeditedReportClock.<ExpeditedReportClock>find(
                      "adverseEventId = ?1 and endedAt is null", id)
                  .firstResult()
                  .call(
                      clock -> {
                        if (clock == null) {
                          return Uni.createFrom().voidItem();
                        }
                        clock.submittedBy = actor.subject();
                        clock.reference = reference;
                        return end(
                            clock,
                            ExpeditedReportClock.Outcome.SUBMITTED,
                            event,
                            reference,
                            actor,
                            now);
                      })
                  .chain(
                      () ->
                          audit.record(
                              new AuditEvent(
                                  actor,
                                  "AdverseEvent",
                                  event.id.toString(),
                                  "REPORT_SUBMITTED",
                                  before,
                                  AdverseEventView.of(event),
                                  reference,
                                  event.trialId,
                                  event.participantCode)))
                  .replaceWith(event);
            });
  }

  /**
   * The expedited reports a trial owes: a sponsor those of its own trial at every site, asked of
   * recruitment-service before the session opens; anyone else those at their sites.
   */
  public Uni<PageOf<AdverseEventView>> owed(
      String trialId, ReportStatus status, Scope scope, int page, int size) {
    var sponsor = TrialAccess.actingSponsor(scope);
    var sites = scope.sites();
    if (sponsor.isPresent()) {
      return trials
          .requireSponsor(trialId, sponsor.get())
          .chain(
              () ->
                  Panache.withSession(() -> owed(trialId, status, (Set<String>) null, page, size)));
    }
    return Panache.withSession(() -> owed(trialId, status, sites, page, size));
  }

  /**
   * Needs a session. Reports of a trial not yet submitted: DUE (due date today or later) or
   * OVERDUE, at the given sites (null: every site, for the sponsor). Most urgent first.
   */
  private Uni<PageOf<AdverseEventView>> owed(
      String trialId, ReportStatus status, Set<String> sites, int page, int size) {
    var where =
        new StringBuilder(
            "trialId = :trial and expeditedDue is not null and expeditedSubmittedAt is null");
    var params = new HashMap<String, Object>();
    params.put("trial", trialId);
    var today = LocalDate.now(ZoneOffset.UTC);
    switch (status) {
      case DUE -> {
        where.append(" and expeditedDue >= :today");
        params.put("today", today);
      }
      case OVERDUE -> {
        where.append(" and expeditedDue < :today");
        params.put("today", today);
      }
      case OPEN -> {}
    }
    if (sites != null) {
      where.append(" and siteCode in :sites");
      params.put("sites", sites.isEmpty() ? Set.of("") : sites);
    }
    return PageOf.of(
        AdverseEvent.<AdverseEvent>find(where.toString(), Sort.ascending("expeditedDue"), params),
        AdverseEventView::of,
        page,
        size);
  }

  /** Which expedited reports to list. */
  public enum ReportStatus {
    OPEN,
    DUE,
    OVERDUE
  }
}

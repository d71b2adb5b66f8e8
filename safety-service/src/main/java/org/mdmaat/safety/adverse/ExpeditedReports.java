package org.mdmaat.safety.adverse;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.safety.Problems;
import org.mdmaat.safety.trial.TrialAccess;

/**
 * Expedited IND safety reports (21 CFR 312.32(c)): when one is due, which a trial owes, and their
 * submission. A serious, unexpected, suspected adverse event owes one; {@link AdverseEventService}
 * starts its clock.
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

  /** The clock starts when the site knows the event qualifies: today in UTC. */
  static LocalDate dueDate(AdverseEvent event, Instant aware) {
    int days =
        event.criteria().stream().anyMatch(SeriousnessCriterion::shortensReportClock)
            ? FATAL_OR_LIFE_THREATENING_REPORT_DAYS
            : REPORT_DAYS;
    return LocalDate.ofInstant(aware, ZoneOffset.UTC).plusDays(days);
  }

  /** The report of an adverse event at one of {@code sites} was submitted. */
  @WithTransaction
  public Uni<AdverseEvent> submitted(UUID id, String reference, Set<String> sites, Actor actor) {
    return AdverseEventService.forUpdate(id, sites)
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
              event.expeditedSubmittedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
              event.expeditedSubmittedBy = actor.subject();
              event.expeditedReference = reference;
              return audit
                  .record(
                      new AuditEvent(
                          actor,
                          "AdverseEvent",
                          event.id.toString(),
                          "REPORT_SUBMITTED",
                          before,
                          AdverseEventView.of(event),
                          reference,
                          event.trialId,
                          event.participantCode))
                  .replaceWith(event);
            });
  }

  /**
   * The expedited reports a trial owes: a sponsor ({@code sponsor} present) those of its own trial
   * at every site, asked of recruitment-service before the session opens; anyone else those at
   * {@code sites}.
   */
  public Uni<PageOf<AdverseEventView>> owed(
      String trialId,
      ReportStatus status,
      Optional<String> sponsor,
      Set<String> sites,
      int page,
      int size) {
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

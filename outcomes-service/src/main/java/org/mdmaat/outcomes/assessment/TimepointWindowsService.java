package org.mdmaat.outcomes.assessment;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.mdmaat.outcomes.Problems;
import org.mdmaat.outcomes.UniqueViolation;
import org.mdmaat.outcomes.allocation.TrialOwnership;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.problem.Violation;
import org.mdmaat.platform.security.Scope;

/**
 * A trial's timepoint windows: settings of the trial in this database, set by the trial's own
 * sponsor with a reason, audited, every earlier setting kept. The widths are assumptions
 * (DOMAIN.md), so a timepoint never set has the protocol default of {@link Timepoint}, shown as
 * such ({@code default: true}). The anchor is the protocol's and not a setting.
 */
@ApplicationScoped
public class TimepointWindowsService {
  /** A baseline may be up to a year before the first dose, and no later than its day. */
  static final int EARLIEST_BASELINE_DAYS = -365;

  /** Every later timepoint lies from its anchor's day to two years after it. */
  static final int LATEST_DAYS = 730;

  private final TrialOwnership ownership;
  private final Windows windows;
  private final AuditTrail audit;

  TimepointWindowsService(TrialOwnership ownership, Windows windows, AuditTrail audit) {
    this.ownership = ownership;
    this.windows = windows;
    this.audit = audit;
  }

  /** The sponsor of the trial (the caller's, checked with recruitment-service) sets them. */
  public Uni<TimepointWindowView> set(
      String trialId, String timepointName, TimepointWindowRequest request, Scope scope) {
    Timepoint timepoint = timepoint(timepointName);
    check(timepoint, request);
    return ownership
        .check(trialId, scope)
        .chain(
            () -> Panache.withTransaction(() -> save(trialId, timepoint, request, scope.actor())))
        .onFailure(UniqueViolation::is)
        .transform(
            failure ->
                Problems.WINDOW_CHANGED.problem(
                    "The window of "
                        + timepoint
                        + " in "
                        + trialId
                        + " was changed at the same time: read it and try again"));
  }

  /** Needs a session. The current setting of the trial for the timepoint, if any. */
  private static Uni<Optional<TrialTimepointWindow>> current(String trialId, Timepoint timepoint) {
    return TrialTimepointWindow.<TrialTimepointWindow>find(
            "trialId = ?1 and timepoint = ?2", Sort.descending("revision"), trialId, timepoint)
        .firstResult()
        .map(Optional::ofNullable);
  }

  private Uni<TimepointWindowView> save(
      String trialId, Timepoint timepoint, TimepointWindowRequest request, Actor actor) {
    return current(trialId, timepoint)
        .chain(
            previous -> {
              // Before: the window in force until now, the protocol default included.
              var before =
                  previous
                      .map(TimepointWindowView::of)
                      .orElseGet(() -> TimepointWindowView.protocolDefault(trialId, timepoint));
              var setting = new TrialTimepointWindow();
              setting.id = UUID.randomUUID();
              setting.trialId = trialId;
              setting.timepoint = timepoint;
              // The unique (trial, timepoint, revision) refuses a concurrent second next revision.
              setting.revision = previous.map(p -> p.revision + 1).orElse(1);
              setting.targetDays = request.targetDays();
              setting.earliestDays = request.earliestDays();
              setting.latestDays = request.latestDays();
              setting.reason = request.reason();
              setting.setBy = actor.subject();
              setting.setAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
              var after = TimepointWindowView.of(setting);
              return setting
                  .<TrialTimepointWindow>persistAndFlush()
                  .call(
                      () ->
                          audit.record(
                              new AuditEvent(
                                  actor,
                                  "TrialTimepointWindow",
                                  trialId + "/" + timepoint,
                                  previous.isEmpty() ? "CREATE" : "UPDATE",
                                  before,
                                  after,
                                  request.reason(),
                                  trialId,
                                  null)))
                  .replaceWith(after);
            });
  }

  /** Every timepoint's window in force, in schedule order. */
  public Uni<List<TimepointWindowView>> all(String trialId, Scope scope) {
    return ownership
        .check(trialId, scope)
        .chain(
            () ->
                Panache.withSession(
                    () ->
                        windows
                            .inForce(trialId)
                            .map(
                                inForce ->
                                    Arrays.stream(Timepoint.values())
                                        .map(t -> TimepointWindowView.inForce(inForce, t))
                                        .toList())));
  }

  /** Every setting of the timepoint, oldest first; none while the protocol default applies. */
  public Uni<PageOf<TimepointWindowView>> history(
      String trialId, String timepointName, Scope scope, int page, int size) {
    Timepoint timepoint = timepoint(timepointName);
    return ownership
        .check(trialId, scope)
        .chain(
            () ->
                Panache.withSession(
                    () ->
                        PageOf.of(
                            TrialTimepointWindow.<TrialTimepointWindow>find(
                                "trialId = ?1 and timepoint = ?2",
                                Sort.ascending("revision"),
                                trialId,
                                timepoint),
                            TimepointWindowView::of,
                            page,
                            size)));
  }

  private static Timepoint timepoint(String name) {
    return Arrays.stream(Timepoint.values())
        .filter(t -> t.name().equals(name))
        .findFirst()
        .orElseThrow(() -> Problems.NOT_FOUND.problem("No timepoint " + name));
  }

  /**
   * 422 naming each field out of shape, out of range or out of order. BASELINE keeps its shape: no
   * target, an open start, a latest day from a year before the first dose to its day. Every other
   * timepoint: all three, each from 0 to {@link #LATEST_DAYS} days after its anchor, earliest ≤
   * target ≤ latest. 0 is a value.
   */
  static void check(Timepoint timepoint, TimepointWindowRequest request) {
    List<Violation> violations = new ArrayList<>();
    Integer target = request.targetDays();
    Integer earliest = request.earliestDays();
    Integer latest = request.latestDays();
    if (timepoint == Timepoint.BASELINE) {
      if (target != null) {
        violations.add(new Violation("targetDays", "BASELINE has no target: leave it out"));
      }
      if (earliest != null) {
        violations.add(new Violation("earliestDays", "BASELINE has an open start: leave it out"));
      }
      if (latest == null) {
        violations.add(new Violation("latestDays", "is required"));
      } else if (latest < EARLIEST_BASELINE_DAYS || latest > 0) {
        violations.add(
            new Violation(
                "latestDays",
                "must be between "
                    + EARLIEST_BASELINE_DAYS
                    + " and 0 (days from dosing session 1: a baseline comes before the dose)"));
      }
    } else {
      String range =
          "must be between 0 and " + LATEST_DAYS + " (days from " + timepoint.anchor() + ")";
      inRange("targetDays", target, range, violations);
      inRange("earliestDays", earliest, range, violations);
      inRange("latestDays", latest, range, violations);
      if (earliest != null && target != null && earliest > target) {
        violations.add(
            new Violation("earliestDays", "must not be after targetDays (" + target + ")"));
      }
      if (target != null && latest != null && target > latest) {
        violations.add(
            new Violation("latestDays", "must not be before targetDays (" + target + ")"));
      }
    }
    if (!violations.isEmpty()) {
      throw Problems.IMPLAUSIBLE_WINDOW.problem(
          "Window not plausible for " + timepoint, violations);
    }
  }

  private static void inRange(
      String field, Integer days, String range, List<Violation> violations) {
    if (days == null) {
      violations.add(new Violation(field, "is required"));
    } else if (days < 0 || days > LATEST_DAYS) {
      violations.add(new Violation(field, range));
    }
  }
}

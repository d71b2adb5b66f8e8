package org.mdmaat.safety;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Gauges of what safety-service owes or holds across all trials (issue 18), for the alert rules in
 * deploy/kubernetes: running expedited-report clocks ({@code mdmaat.safety.expedited.reports.due}),
 * those past their due date (UTC day, {@code mdmaat.safety.expedited.reports.overdue}) and active
 * dosing holds ({@code mdmaat.safety.holds.active}). One read-only query, refreshed every minute;
 * the values are counts, never participants. A failed refresh keeps the last values.
 */
@ApplicationScoped
public class SafetyGauges {
  private static final String COUNT =
      "select (select count(*) from expedited_report_clock where ended_at is null),"
          + " (select count(*) from expedited_report_clock where ended_at is null"
          + "   and due < (now() at time zone 'UTC')::date),"
          + " (select count(*) from dosing_hold where lifted_at is null)";

  private volatile long reportsDue;
  private volatile long reportsOverdue;
  private volatile long activeHolds;

  SafetyGauges(MeterRegistry meters) {
    Gauge.builder("mdmaat.safety.expedited.reports.due", this, m -> m.reportsDue)
        .description("Expedited safety reports owed (running clocks)")
        .register(meters);
    Gauge.builder("mdmaat.safety.expedited.reports.overdue", this, m -> m.reportsOverdue)
        .description("Expedited safety reports owed past their due date")
        .register(meters);
    Gauge.builder("mdmaat.safety.holds.active", this, m -> m.activeHolds)
        .description("Dosing holds placed and not lifted")
        .register(meters);
  }

  @Scheduled(
      identity = "safety-gauges",
      every = "1m",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  public Uni<Void> refresh() {
    return Panache.withSession(
            () ->
                Panache.getSession()
                    .chain(
                        session ->
                            session.createNativeQuery(COUNT, Object[].class).getSingleResult()))
        .invoke(
            row -> {
              reportsDue = ((Number) row[0]).longValue();
              reportsOverdue = ((Number) row[1]).longValue();
              activeHolds = ((Number) row[2]).longValue();
            })
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }
}

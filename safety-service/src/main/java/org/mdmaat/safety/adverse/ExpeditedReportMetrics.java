package org.mdmaat.safety.adverse;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Gauges of the expedited reports owed (issue 18), for the {@code ExpeditedReportOverdue} alert in
 * deploy/kubernetes: running clocks ({@code mdmaat.safety.expedited.reports.due}) and those past
 * their due date (UTC day, {@code mdmaat.safety.expedited.reports.overdue}), across all trials.
 * Read-only, refreshed every minute; the values are counts, never participants.
 */
@ApplicationScoped
public class ExpeditedReportMetrics {
  private static final String COUNT =
      "select count(*), count(*) filter (where due < (now() at time zone 'UTC')::date)"
          + " from expedited_report_clock where ended_at is null";

  private volatile long due;
  private volatile long overdue;

  ExpeditedReportMetrics(MeterRegistry meters) {
    Gauge.builder("mdmaat.safety.expedited.reports.due", this, m -> m.due)
        .description("Expedited safety reports owed (running clocks)")
        .register(meters);
    Gauge.builder("mdmaat.safety.expedited.reports.overdue", this, m -> m.overdue)
        .description("Expedited safety reports owed past their due date")
        .register(meters);
  }

  @Scheduled(
      identity = "expedited-report-metrics",
      every = "1m",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> refresh() {
    return Panache.withSession(
            () ->
                Panache.getSession()
                    .chain(
                        session ->
                            session.createNativeQuery(COUNT, Object[].class).getSingleResult()))
        .invoke(
            row -> {
              due = ((Number) row[0]).longValue();
              overdue = ((Number) row[1]).longValue();
            })
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }
}

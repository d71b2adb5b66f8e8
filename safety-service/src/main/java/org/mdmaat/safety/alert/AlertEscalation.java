package org.mdmaat.safety.alert;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Checks for unacknowledged critical alerts on a schedule (safety.alerts.escalation-check). */
@ApplicationScoped
public class AlertEscalation {
  private final AlertService alerts;

  AlertEscalation(AlertService alerts) {
    this.alerts = alerts;
  }

  @Scheduled(
      identity = "alert-escalation",
      every = "${safety.alerts.escalation-check:30s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  Uni<Void> escalate() {
    return alerts.escalateOverdue().replaceWithVoid();
  }
}

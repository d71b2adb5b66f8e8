package org.mdmaat.safety.alert;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.security.Scope;
import org.mdmaat.safety.Problems;
import org.mdmaat.safety.SafetyConfig;

@ApplicationScoped
public class AlertService {
  private static final Logger LOG = Logger.getLogger(AlertService.class);
  static final Actor SYSTEM = Actor.system("safety-service");

  private final AuditTrail audit;
  private final SafetyConfig config;

  AlertService(AuditTrail audit, SafetyConfig config) {
    this.audit = audit;
    this.config = config;
  }

  /** In the caller's transaction: stores a new alert and its audit entry. */
  public Uni<SafetyAlert> raise(SafetyAlert alert, Actor actor) {
    if (alert.id == null) {
      alert.id = UUID.randomUUID();
    }
    return alert
        .<SafetyAlert>persist()
        .invoke(
            () ->
                io.micrometer.core.instrument.Metrics.counter(
                        "mdmaat.safety.alerts.raised", "level", String.valueOf(alert.level))
                    .increment())
        .call(
            () ->
                audit.record(
                    new AuditEvent(
                        actor,
                        "SafetyAlert",
                        alert.id.toString(),
                        "CREATE",
                        null,
                        AlertView.of(alert),
                        alert.summary,
                        alert.trialId,
                        alert.participantCode)));
  }

  /** In the caller's transaction: audits a change to an alert made by the caller. */
  public Uni<Void> changed(
      SafetyAlert alert, AlertView before, String action, String reason, Actor actor) {
    return audit
        .record(
            new AuditEvent(
                actor,
                "SafetyAlert",
                alert.id.toString(),
                action,
                before,
                AlertView.of(alert),
                reason,
                alert.trialId,
                alert.participantCode))
        .replaceWithVoid();
  }

  /** Acknowledges an alert at one of the caller's sites. */
  @WithTransaction
  public Uni<SafetyAlert> acknowledge(UUID id, String note, Scope scope) {
    var actor = scope.actor();
    // The row lock makes a second acknowledgement wait and then see the first (409).
    return SafetyAlert.<SafetyAlert>findById(id, LockModeType.PESSIMISTIC_WRITE)
        .map(alert -> visible(alert, id, scope))
        .flatMap(
            alert -> {
              if (alert.acknowledgedAt != null) {
                throw Problems.ALERT_ACKNOWLEDGED.problem(
                    "Alert " + id + " is already acknowledged");
              }
              var before = AlertView.of(alert);
              alert.acknowledgedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
              alert.acknowledgedBy = actor.subject();
              alert.acknowledgementNote = note;
              return changed(alert, before, "ACKNOWLEDGE", note, actor).replaceWith(alert);
            });
  }

  /** An alert at one of the caller's sites. */
  @WithSession
  public Uni<SafetyAlert> get(UUID id, Scope scope) {
    return SafetyAlert.<SafetyAlert>findById(id).map(alert -> visible(alert, id, scope));
  }

  // Another site's alert answers like a missing one.
  private static SafetyAlert visible(SafetyAlert alert, UUID id, Scope scope) {
    if (alert == null || !scope.worksAt(alert.siteCode)) {
      throw Problems.ALERT_NOT_FOUND.problem("No alert " + id);
    }
    return alert;
  }

  /** The alerts at a site of the caller's (another site: 404). */
  @WithSession
  public Uni<PageOf<AlertView>> atSite(
      String siteCode,
      String participantCode,
      Boolean acknowledged,
      Scope scope,
      int page,
      int size) {
    scope.requireSite(siteCode);
    var where = new StringBuilder("siteCode = :site");
    var params = new java.util.HashMap<String, Object>();
    params.put("site", siteCode);
    if (participantCode != null) {
      where.append(" and participantCode = :participant");
      params.put("participant", participantCode);
    }
    if (acknowledged != null) {
      where.append(
          acknowledged ? " and acknowledgedAt is not null" : " and acknowledgedAt is null");
    }
    return PageOf.of(
        SafetyAlert.<SafetyAlert>find(where.toString(), Sort.descending("raisedAt"), params),
        AlertView::of,
        page,
        size);
  }

  /**
   * Escalates every critical or urgent alert left unacknowledged longer than configured: marks it
   * escalated (audited) so it heads the site's list and the escalation is on record.
   */
  public Uni<Integer> escalateOverdue() {
    var cutoff = Instant.now().minus(config.alerts().escalationAfter());
    return Panache.withTransaction(
        () ->
            SafetyAlert.<SafetyAlert>list(
                    "acknowledgedAt is null and escalatedAt is null and level in ?1 and raisedAt <= ?2",
                    List.of(AlertLevel.CRITICAL, AlertLevel.URGENT),
                    cutoff)
                .call(
                    overdue -> {
                      Uni<Void> chain = Uni.createFrom().voidItem();
                      for (var alert : overdue) {
                        chain = chain.call(() -> escalate(alert));
                      }
                      return chain;
                    })
                .map(List::size));
  }

  /**
   * Escalates one alert unless it was acknowledged since it was read: the conditional update
   * decides, so an acknowledgement is never overwritten.
   */
  private Uni<Void> escalate(SafetyAlert alert) {
    var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    return SafetyAlert.update(
            "escalatedAt = ?1 where id = ?2 and acknowledgedAt is null and escalatedAt is null",
            now,
            alert.id)
        .flatMap(
            updated -> {
              if (updated == 0) {
                return Uni.createFrom().voidItem();
              }
              var before = AlertView.of(alert);
              alert.escalatedAt = now;
              LOG.warnf(
                  "alert %s (%s, site %s) unacknowledged since %s: escalated",
                  alert.id, alert.level, alert.siteCode, alert.raisedAt);
              return changed(
                  alert,
                  before,
                  "ESCALATE",
                  "unacknowledged for more than " + config.alerts().escalationAfter(),
                  SYSTEM);
            });
  }
}

package org.mdmaat.safety.stopping;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.Topics;
import org.mdmaat.contracts.events.TrialEnrollmentPaused;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;
import org.mdmaat.platform.outbox.Outbox;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.safety.Problems;
import org.mdmaat.safety.adverse.Relatedness;
import org.mdmaat.safety.trial.TrialAccess;

/** Defines stopping rules and evaluates them whenever a serious adverse event is recorded. */
@ApplicationScoped
public class StoppingRules {
  private static final Logger LOG = Logger.getLogger(StoppingRules.class);
  private static final Actor SYSTEM = Actor.system("safety-service");

  private final AuditTrail audit;
  private final Outbox outbox;
  private final TrialAccess trials;
  private final ObjectMapper json;

  StoppingRules(AuditTrail audit, Outbox outbox, TrialAccess trials, ObjectMapper json) {
    this.audit = audit;
    this.outbox = outbox;
    this.trials = trials;
    this.json = json;
  }

  /**
   * Defines a rule of the sponsor's own trial. Ownership is asked of recruitment-service before the
   * transaction opens: no database connection waits on a remote call.
   */
  public Uni<StoppingRuleView> define(
      String trialId, StoppingRuleRequest request, String sponsorId, Actor actor) {
    return trials
        .requireSponsor(trialId, sponsorId)
        .chain(() -> Panache.withTransaction(() -> store(trialId, request, actor)));
  }

  private Uni<StoppingRuleView> store(String trialId, StoppingRuleRequest request, Actor actor) {
    return StoppingRule.count("trialId = ?1 and name = ?2", trialId, request.name())
        .flatMap(
            existing -> {
              if (existing > 0) {
                throw Problems.RULE_EXISTS.problem(
                    "Trial " + trialId + " already has a stopping rule " + request.name());
              }
              var rule = new StoppingRule();
              rule.id = UUID.randomUUID();
              rule.trialId = trialId;
              rule.name = request.name();
              rule.relatedSeriousEvents = request.relatedSeriousEvents();
              rule.createdBy = actor.subject();
              rule.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
              return rule.<StoppingRule>persist()
                  .call(
                      () ->
                          audit.record(
                              new AuditEvent(
                                  actor,
                                  "StoppingRule",
                                  rule.id.toString(),
                                  "CREATE",
                                  null,
                                  StoppingRuleView.of(rule),
                                  request.reason(),
                                  trialId,
                                  null)));
            })
        .map(StoppingRuleView::of);
  }

  /** A trial's rules, its sponsor asked of recruitment-service before the session opens. */
  public Uni<PageOf<StoppingRuleView>> of(String trialId, String sponsorId, int page, int size) {
    return trials
        .requireSponsor(trialId, sponsorId)
        .chain(
            () ->
                Panache.withSession(
                    () ->
                        PageOf.of(
                            StoppingRule.<StoppingRule>find(
                                "trialId", Sort.ascending("createdAt", "name"), trialId),
                            StoppingRuleView::of,
                            page,
                            size)));
  }

  /**
   * In the caller's transaction (after a serious adverse event was stored): fires every unfired
   * rule of the trial whose count is reached. The conditional update makes a rule fire once even
   * when two serious events are recorded at the same moment.
   */
  public Uni<Void> evaluate(String trialId) {
    return Panache.getSession()
        .chain(session -> session.flush())
        .chain(
            () ->
                Panache.getSession()
                    .chain(
                        session ->
                            session
                                .createSelectionQuery(
                                    "select count(*) from AdverseEvent e where e.trialId = :trial"
                                        + " and e.serious = true and e.relatedness in :related",
                                    Long.class)
                                .setParameter("trial", trialId)
                                .setParameter(
                                    "related",
                                    List.of(
                                        Relatedness.POSSIBLE,
                                        Relatedness.PROBABLE,
                                        Relatedness.DEFINITE))
                                .getSingleResult()))
        .flatMap(
            count ->
                StoppingRule.<StoppingRule>list(
                        "trialId = ?1 and firedAt is null and relatedSeriousEvents <= ?2",
                        trialId,
                        count.intValue())
                    .flatMap(
                        due -> {
                          Uni<Void> chain = Uni.createFrom().voidItem();
                          for (var rule : due) {
                            chain = chain.call(() -> fire(rule, count));
                          }
                          return chain;
                        }));
  }

  private Uni<Void> fire(StoppingRule rule, long count) {
    var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    return StoppingRule.update("firedAt = ?1 where id = ?2 and firedAt is null", now, rule.id)
        .flatMap(
            updated -> {
              if (updated == 0) {
                return Uni.createFrom().voidItem(); // another transaction fired it first
              }
              var before = StoppingRuleView.of(rule);
              rule.firedAt = now;
              var reason =
                  count
                      + " related serious adverse events reached the limit of "
                      + rule.relatedSeriousEvents;
              LOG.warnf("stopping rule %s of trial %s fired: %s", rule.name, rule.trialId, reason);
              var paused = new TrialEnrollmentPaused(rule.trialId, rule.name, reason, now);
              var event =
                  EventEnvelope.of(
                      EventTypes.TRIAL_ENROLLMENT_PAUSED,
                      "safety-service",
                      rule.trialId,
                      null,
                      json.valueToTree(paused));
              return audit
                  .record(
                      new AuditEvent(
                          SYSTEM,
                          "StoppingRule",
                          rule.id.toString(),
                          "FIRE",
                          before,
                          StoppingRuleView.of(rule),
                          reason,
                          rule.trialId,
                          null))
                  .call(() -> outbox.publish(Topics.SAFETY_SIGNALS, rule.trialId, event))
                  .replaceWithVoid();
            });
  }
}

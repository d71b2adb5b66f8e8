package org.mdmaat.safety.stopping;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.Topics;
import org.mdmaat.contracts.events.TrialEnrollmentPaused;
import org.mdmaat.contracts.grpc.recruitment.Allocation;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;
import org.mdmaat.platform.outbox.Outbox;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.security.Bearer;
import org.mdmaat.platform.security.Roles;
import org.mdmaat.platform.security.Scope;
import org.mdmaat.safety.Problems;
import org.mdmaat.safety.adverse.Relatedness;
import org.mdmaat.safety.hold.DosingHoldService;
import org.mdmaat.safety.hold.HoldCause;
import org.mdmaat.safety.participant.ParticipantDirectory;
import org.mdmaat.safety.trial.TrialAccess;

/**
 * Defines stopping rules and evaluates them, when one is defined (against the events already there)
 * and whenever a serious adverse event is recorded. Count and trip happen under a per-trial
 * transaction-scoped advisory lock: two serious events committed at the same moment are counted one
 * after the other, so the second sees the first and the rule fires exactly once.
 */
@ApplicationScoped
public class StoppingRules {
  private static final Logger LOG = Logger.getLogger(StoppingRules.class);
  private static final Actor SYSTEM = Actor.system("safety-service");
  private static final List<Relatedness> RELATED =
      List.of(Relatedness.POSSIBLE, Relatedness.PROBABLE, Relatedness.DEFINITE);

  /** Every participant of a trial safety-service knows of, with their site. */
  private static final String PARTICIPANTS_OF_TRIAL =
      "select participant_code, site_code from adverse_event where trial_id = :trial"
          + " union select participant_code, site_code from vital_sign where trial_id = :trial"
          + " union select participant_code, site_code from follow_up_schedule"
          + " where trial_id = :trial"
          + " union select participant_code, site_code from dosing_hold where trial_id = :trial"
          + " union select participant_code, site_code from cssrs_screen where trial_id = :trial"
          + " order by 1";

  private static final String TRIALS_OF_PARTICIPANT =
      "select trial_id from adverse_event where participant_code = :participant"
          + " union select trial_id from vital_sign where participant_code = :participant"
          + " union select trial_id from follow_up_schedule where participant_code = :participant"
          + " union select trial_id from dosing_hold where participant_code = :participant"
          + " union select trial_id from cssrs_screen where participant_code = :participant";

  private final AuditTrail audit;
  private final Outbox outbox;
  private final TrialAccess trials;
  private final ParticipantDirectory directory;
  private final DosingHoldService holds;
  private final ObjectMapper json;

  StoppingRules(
      AuditTrail audit,
      Outbox outbox,
      TrialAccess trials,
      ParticipantDirectory directory,
      DosingHoldService holds,
      ObjectMapper json) {
    this.audit = audit;
    this.outbox = outbox;
    this.trials = trials;
    this.directory = directory;
    this.holds = holds;
    this.json = json;
  }

  /**
   * Defines a rule of the caller's sponsor's trial and evaluates it at once. Ownership (and, for a
   * DSMB member, the arms disclosed to them on their own token, {@code person}) is asked of
   * recruitment-service before the transaction opens: no database connection waits on a remote
   * call. A rule counting by arm is the DSMB's alone (403 for anyone else).
   */
  public Uni<StoppingRuleView> define(
      String trialId, StoppingRuleRequest request, Scope scope, Bearer person) {
    var dsmbMember = scope.hasRole(Roles.DSMB) ? person : null;
    var actor = scope.actor();
    if (request.countBy() == StoppingRule.CountBy.ARM && dsmbMember == null) {
      return Uni.createFrom()
          .failure(
              Problems.ARM_RULE_DSMB_ONLY.problem(
                  "Only the DSMB defines a stopping rule counting by arm"));
    }
    return trials
        .requireSponsor(trialId, scope)
        .chain(() -> armsFor(trialId, dsmbMember))
        .chain(
            arms ->
                Panache.withTransaction(
                    () ->
                        lockTrial(trialId)
                            .chain(() -> keepArms(trialId, arms, actor))
                            .chain(() -> store(trialId, request, actor))
                            .call(() -> Panache.getSession().chain(session -> session.flush()))
                            // Evaluated at once, against the events already there.
                            .call(rule -> evaluateLocked(trialId))
                            .map(rule -> StoppingRuleView.of(rule, dsmbMember != null))));
  }

  /**
   * A DSMB member refreshes the arms (disclosed on their own token, {@code dsmbMember}) and has the
   * trial's rules evaluated again against them.
   */
  public Uni<List<StoppingRuleView>> reevaluate(String trialId, Scope scope, Bearer dsmbMember) {
    var actor = scope.actor();
    return trials
        .requireSponsor(trialId, scope)
        .chain(() -> armsFor(trialId, dsmbMember))
        .chain(
            arms ->
                Panache.withTransaction(
                    () ->
                        lockTrial(trialId)
                            .chain(() -> keepArms(trialId, arms, actor))
                            .chain(() -> evaluateLocked(trialId))
                            .chain(
                                () ->
                                    StoppingRule.<StoppingRule>list(
                                        "trialId", Sort.ascending("createdAt", "name"), trialId))
                            .map(
                                rules ->
                                    rules.stream()
                                        .map(r -> StoppingRuleView.of(r, true))
                                        .toList())));
  }

  private Uni<List<Allocation>> armsFor(String trialId, Bearer dsmbMember) {
    return dsmbMember == null
        ? Uni.createFrom().item((List<Allocation>) null)
        : directory.allocations(trialId, dsmbMember);
  }

  /** Replaces the trial's kept arms with those just disclosed (null: nothing disclosed, kept). */
  private Uni<Void> keepArms(String trialId, List<Allocation> arms, Actor actor) {
    if (arms == null) {
      return Uni.createFrom().voidItem();
    }
    var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    return TrialArm.delete("trialId", trialId)
        .chain(
            () -> {
              var rows =
                  arms.stream()
                      .map(
                          a -> {
                            var row = new TrialArm();
                            row.trialId = trialId;
                            row.participantCode = a.getParticipantCode();
                            row.arm = a.getArm();
                            row.disclosedAt = now;
                            return row;
                          })
                      .toList();
              return TrialArm.persist(rows);
            })
        // Audited without the arms themselves: the audit trail is read by blinded regulators.
        .call(
            () ->
                audit.record(
                    new AuditEvent(
                        actor,
                        "TrialArms",
                        trialId,
                        "REFRESH",
                        null,
                        Map.of("participants", arms.size()),
                        "arms disclosed to the DSMB for stopping rules counting by arm",
                        trialId,
                        null)))
        .replaceWithVoid();
  }

  private Uni<StoppingRule> store(String trialId, StoppingRuleRequest request, Actor actor) {
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
              rule.countBy = request.countBy();
              rule.pausesEnrollment =
                  request.suspends().contains(StoppingRule.Suspension.ENROLLMENT);
              rule.holdsDosing = request.suspends().contains(StoppingRule.Suspension.DOSING);
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
            });
  }

  /**
   * A trial's rules, its sponsor asked of recruitment-service before the session opens; the DSMB
   * sees which arm fired a rule counting by arm.
   */
  public Uni<PageOf<StoppingRuleView>> of(String trialId, Scope scope, int page, int size) {
    boolean showArms = scope.hasRole(Roles.DSMB);
    return trials
        .requireSponsor(trialId, scope)
        .chain(
            () ->
                Panache.withSession(
                    () ->
                        PageOf.of(
                            StoppingRule.<StoppingRule>find(
                                "trialId", Sort.ascending("createdAt", "name"), trialId),
                            r -> StoppingRuleView.of(r, showArms),
                            page,
                            size)));
  }

  /**
   * In the caller's transaction (after a serious adverse event was stored): fires every unfired
   * rule of the trial whose count is reached. Waits for any other transaction counting the trial,
   * then counts what is committed plus this transaction's own events.
   */
  public Uni<Void> evaluate(String trialId) {
    return lockTrial(trialId).chain(() -> evaluateLocked(trialId));
  }

  /**
   * In the caller's transaction: the trial's advisory lock, held until it ends. Flushes first so
   * that this transaction's events are counted; the count that follows is a new statement and sees
   * whatever the transaction that held the lock committed.
   */
  private Uni<Void> lockTrial(String trialId) {
    return Panache.getSession()
        .chain(session -> session.flush())
        .chain(
            () ->
                Panache.getSession()
                    .chain(
                        session ->
                            session
                                .createNativeQuery(
                                    "select count(*) from"
                                        + " (select pg_advisory_xact_lock(hashtext(:key))) as locked",
                                    Long.class)
                                .setParameter("key", "safety-trial-stopping:" + trialId)
                                .getSingleResult()))
        .replaceWithVoid();
  }

  private Uni<Void> evaluateLocked(String trialId) {
    return StoppingRule.<StoppingRule>list(
            "trialId = ?1 and firedAt is null order by createdAt, name", trialId)
        .flatMap(
            unfired -> {
              if (unfired.isEmpty()) {
                return Uni.createFrom().voidItem();
              }
              return countsByParticipant(trialId)
                  .flatMap(
                      counts ->
                          TrialArm.<TrialArm>list("trialId", trialId)
                              .flatMap(
                                  arms -> {
                                    var tally = Tally.of(counts, arms);
                                    Uni<Void> chain = Uni.createFrom().voidItem();
                                    for (var rule : unfired) {
                                      var reached = tally.reached(rule);
                                      if (reached != null) {
                                        chain = chain.call(() -> fire(rule, reached));
                                      }
                                    }
                                    return chain;
                                  }));
            });
  }

  /** Related serious adverse events (current versions) of the trial, per participant. */
  private Uni<Map<String, Long>> countsByParticipant(String trialId) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createSelectionQuery(
                        "select e.participantCode, count(*) from AdverseEvent e"
                            + " where e.trialId = :trial and e.serious = true"
                            + " and e.relatedness in :related group by e.participantCode",
                        Object[].class)
                    .setParameter("trial", trialId)
                    .setParameter("related", RELATED)
                    .getResultList())
        .map(
            rows -> {
              var counts = new HashMap<String, Long>();
              rows.forEach(r -> counts.put((String) r[0], (Long) r[1]));
              return counts;
            });
  }

  private Uni<Void> fire(StoppingRule rule, Tally.Reached reached) {
    var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    return StoppingRule.update("firedAt = ?1 where id = ?2 and firedAt is null", now, rule.id)
        .flatMap(
            updated -> {
              if (updated == 0) {
                return Uni.createFrom().voidItem(); // fired already
              }
              var before = StoppingRuleView.of(rule);
              rule.firedAt = now;
              rule.firedCount = (int) reached.count();
              rule.firedArm = reached.arm();
              // The reason never names the arm: it goes to blinded readers.
              var reason =
                  reached.count()
                      + " related serious adverse events"
                      + (rule.countBy == StoppingRule.CountBy.ARM ? " in one arm" : "")
                      + " reached the limit of "
                      + rule.relatedSeriousEvents;
              LOG.warnf("stopping rule %s of trial %s fired: %s", rule.name, rule.trialId, reason);
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
                  .call(
                      () ->
                          rule.pausesEnrollment
                              ? pauseEnrollment(rule, reason, now)
                              : Uni.createFrom().voidItem())
                  .call(
                      () ->
                          rule.holdsDosing
                              ? holdEveryone(rule, reason)
                              : Uni.createFrom().voidItem())
                  .replaceWithVoid();
            });
  }

  private Uni<Void> pauseEnrollment(StoppingRule rule, String reason, Instant now) {
    var paused = new TrialEnrollmentPaused(rule.trialId, rule.name, reason, now);
    var event =
        EventEnvelope.of(
            EventTypes.TRIAL_ENROLLMENT_PAUSED,
            "safety-service",
            rule.trialId,
            null,
            json.valueToTree(paused));
    return outbox.publish(Topics.SAFETY_SIGNALS, rule.trialId, event).replaceWithVoid();
  }

  /**
   * Suspends dosing in the whole trial: a STOPPING_RULE hold on every participant of the trial
   * safety-service knows of, each announced (DosingHoldPlaced) so that the safety gate and
   * session-service refuse their doses. Participants met later are held when they are ({@link
   * #holdIfDosingSuspended}).
   */
  private Uni<Void> holdEveryone(StoppingRule rule, String reason) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(PARTICIPANTS_OF_TRIAL, Object[].class)
                    .setParameter("trial", rule.trialId)
                    .getResultList())
        .flatMap(
            rows -> {
              Uni<Void> chain = Uni.createFrom().voidItem();
              for (var row : rows) {
                chain =
                    chain.call(
                        () ->
                            holds.placeForFinding(
                                (String) row[0],
                                rule.trialId,
                                (String) row[1],
                                HoldCause.STOPPING_RULE,
                                "stopping rule " + rule.name + " fired: " + reason,
                                SYSTEM));
              }
              return chain;
            });
  }

  /**
   * In the caller's transaction: a participant of a trial whose dosing a fired rule suspended is
   * held too (one STOPPING_RULE hold per participant), when safety-service first meets them after
   * the rule fired.
   */
  public Uni<Void> holdIfDosingSuspended(
      String participantCode, String trialId, String siteCode, Actor actor) {
    return StoppingRule.<StoppingRule>find(
            "trialId = ?1 and holdsDosing = true and firedAt is not null order by firedAt", trialId)
        .firstResult()
        .flatMap(
            rule ->
                rule == null
                    ? Uni.createFrom().voidItem()
                    : holds
                        .placeForFinding(
                            participantCode,
                            trialId,
                            siteCode,
                            HoldCause.STOPPING_RULE,
                            "stopping rule " + rule.name + " suspended dosing in the trial",
                            actor)
                        .replaceWithVoid());
  }

  /**
   * Why dosing is suspended for this participant: every fired rule suspending dosing in the trial
   * the caller names or in any trial safety-service holds records of the participant under. The
   * safety gate asks this on every dose, so a participant safety-service never met when the rule
   * fired (no STOPPING_RULE hold yet) is refused too, and a blank trial id is no way around it.
   */
  @WithSession
  public Uni<List<String>> dosingSuspensions(String participantCode, String trialId) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(TRIALS_OF_PARTICIPANT, String.class)
                    .setParameter("participant", participantCode)
                    .getResultList())
        .flatMap(
            known -> {
              var trials = new HashSet<String>(known);
              if (trialId != null && !trialId.isBlank()) {
                trials.add(trialId);
              }
              if (trials.isEmpty()) {
                return Uni.createFrom().item(List.<String>of());
              }
              return StoppingRule.<StoppingRule>list(
                      "trialId in ?1 and holdsDosing = true and firedAt is not null order by firedAt",
                      trials)
                  .map(
                      rules ->
                          rules.stream()
                              .map(
                                  rule ->
                                      "stopping rule "
                                          + rule.name
                                          + " suspended dosing in trial "
                                          + rule.trialId)
                              .toList());
            });
  }
}

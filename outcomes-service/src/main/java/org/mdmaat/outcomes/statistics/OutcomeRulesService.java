package org.mdmaat.outcomes.statistics;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.mdmaat.outcomes.Problems;
import org.mdmaat.outcomes.UniqueViolation;
import org.mdmaat.outcomes.allocation.TrialOwnership;
import org.mdmaat.outcomes.instrument.Instrument;
import org.mdmaat.outcomes.instrument.InstrumentCatalog;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.problem.Violation;
import org.mdmaat.platform.security.Scope;

/**
 * A trial's response and remission thresholds, per instrument: settings of the trial in this
 * database, set by the trial's own sponsor with a reason, audited, every earlier setting kept. No
 * default stands in for a missing one: statistics report it as not available.
 */
@ApplicationScoped
public class OutcomeRulesService {
  private final InstrumentCatalog catalog;
  private final TrialOwnership ownership;
  private final AuditTrail audit;

  OutcomeRulesService(InstrumentCatalog catalog, TrialOwnership ownership, AuditTrail audit) {
    this.catalog = catalog;
    this.ownership = ownership;
    this.audit = audit;
  }

  /** Needs a session. The current setting of the trial for the instrument, if any. */
  public Uni<Optional<TrialOutcomeRule>> current(String trialId, String instrument) {
    return TrialOutcomeRule.<TrialOutcomeRule>find(
            "trialId = ?1 and instrument = ?2", Sort.descending("revision"), trialId, instrument)
        .firstResult()
        .map(Optional::ofNullable);
  }

  /** The sponsor of the trial (the caller's, checked with recruitment-service) sets them. */
  public Uni<OutcomeRulesView> set(
      String trialId, String instrumentCode, OutcomeRulesRequest request, Scope scope) {
    Instrument instrument = instrument(instrumentCode);
    check(instrument, request);
    return ownership
        .check(trialId, scope)
        .chain(
            () -> Panache.withTransaction(() -> save(trialId, instrument, request, scope.actor())))
        .onFailure(UniqueViolation::is)
        .transform(
            failure ->
                Problems.RULES_CHANGED.problem(
                    "The thresholds of "
                        + trialId
                        + " for "
                        + instrument.code()
                        + " were changed at the same time: read them and try again"));
  }

  private Uni<OutcomeRulesView> save(
      String trialId, Instrument instrument, OutcomeRulesRequest request, Actor actor) {
    return current(trialId, instrument.code())
        .chain(
            previous -> {
              var before = previous.map(OutcomeRulesView::of).orElse(null);
              var rule = new TrialOutcomeRule();
              rule.id = UUID.randomUUID();
              rule.trialId = trialId;
              rule.instrument = instrument.code();
              // The unique (trial, instrument, revision) refuses a concurrent second next revision.
              rule.revision = previous.map(p -> p.revision + 1).orElse(1);
              rule.responseMinDrop = request.responseMinDrop();
              rule.remissionMaxTotal = request.remissionMaxTotal();
              rule.reason = request.reason();
              rule.setBy = actor.subject();
              rule.setAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
              var after = OutcomeRulesView.of(rule);
              return rule.<TrialOutcomeRule>persistAndFlush()
                  .call(
                      () ->
                          audit.record(
                              new AuditEvent(
                                  actor,
                                  "TrialOutcomeRule",
                                  trialId + "/" + instrument.code(),
                                  before == null ? "CREATE" : "UPDATE",
                                  before,
                                  after,
                                  request.reason(),
                                  trialId,
                                  null)))
                  .replaceWith(after);
            });
  }

  public Uni<OutcomeRulesView> get(String trialId, String instrumentCode, Scope scope) {
    Instrument instrument = instrument(instrumentCode);
    return ownership
        .check(trialId, scope)
        .chain(
            () ->
                Panache.withSession(
                    () ->
                        current(trialId, instrument.code())
                            .map(
                                found ->
                                    found
                                        .map(OutcomeRulesView::of)
                                        .orElse(
                                            OutcomeRulesView.unset(trialId, instrument.code())))));
  }

  /** Every setting, oldest first. */
  public Uni<PageOf<OutcomeRulesView>> history(
      String trialId, String instrumentCode, Scope scope, int page, int size) {
    Instrument instrument = instrument(instrumentCode);
    return ownership
        .check(trialId, scope)
        .chain(
            () ->
                Panache.withSession(
                    () ->
                        PageOf.of(
                            TrialOutcomeRule.<TrialOutcomeRule>find(
                                "trialId = ?1 and instrument = ?2",
                                Sort.ascending("revision"),
                                trialId,
                                instrument.code()),
                            OutcomeRulesView::of,
                            page,
                            size)));
  }

  private Instrument instrument(String code) {
    return catalog
        .find(code)
        .orElseThrow(() -> Problems.NOT_FOUND.problem("No instrument " + code));
  }

  /**
   * 422 naming each threshold that no total of the instrument could meet, and remission on an
   * instrument without a diagnosis. 0 is a value: a response drop of 0 is accepted.
   */
  static void check(Instrument instrument, OutcomeRulesRequest request) {
    int lowest = 0;
    int highest = 0;
    for (var item : instrument.items()) {
      if (item.countsInTotal()) {
        lowest += item.min();
        highest += item.max();
      }
    }
    List<Violation> violations = new ArrayList<>();
    if (request.responseMinDrop() == null && request.remissionMaxTotal() == null) {
      violations.add(
          new Violation("responseMinDrop", "give responseMinDrop, remissionMaxTotal or both"));
    }
    var drop = request.responseMinDrop();
    if (drop != null && (drop < 0 || drop > highest - lowest)) {
      violations.add(
          new Violation(
              "responseMinDrop",
              "must be between 0 and "
                  + (highest - lowest)
                  + " (the widest change of the "
                  + instrument.code()
                  + " total)"));
    }
    var ceiling = request.remissionMaxTotal();
    if (ceiling != null) {
      if (instrument.outcome() == null || instrument.outcome().diagnosisFlag() == null) {
        violations.add(
            new Violation(
                "remissionMaxTotal",
                instrument.code() + " has no diagnosis, so no remission (loss of diagnosis)"));
      } else if (ceiling < lowest || ceiling > highest) {
        violations.add(
            new Violation(
                "remissionMaxTotal",
                "must be between "
                    + lowest
                    + " and "
                    + highest
                    + " (the "
                    + instrument.code()
                    + " total)"));
      }
    }
    if (!violations.isEmpty()) {
      throw Problems.IMPLAUSIBLE_RULES.problem(
          "Thresholds not plausible for " + instrument.code(), violations);
    }
  }
}

package org.mdmaat.outcomes.lock;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.Topics;
import org.mdmaat.contracts.events.TrialDataLocked;
import org.mdmaat.contracts.events.TrialDataUnlocked;
import org.mdmaat.outcomes.Problems;
import org.mdmaat.outcomes.allocation.TrialOwnership;
import org.mdmaat.outcomes.assessment.Assessment;
import org.mdmaat.outcomes.assessment.Timepoint;
import org.mdmaat.outcomes.participant.TrialParticipant;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;
import org.mdmaat.platform.outbox.Outbox;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.problem.Problem;
import org.mdmaat.platform.problem.Violation;
import org.mdmaat.platform.security.Scope;
import org.mdmaat.platform.signature.ElectronicSignature;
import org.mdmaat.platform.signature.SignedRecord;

/**
 * The database lock of a trial's outcome data, by its sponsor, signed. A lock needs the last
 * primary endpoint: every randomized participant known here who has not withdrawn has CAPS-5 at the
 * primary endpoint. The signature is made after the checks and before anything is written; the lock
 * row, its audit entry and TrialDataLocked (or the unlock's) are written in one transaction, under
 * the trial's exclusive advisory lock (see {@link DataLockGuard}).
 */
@ApplicationScoped
public class DataLockService {
  static final String SOURCE = "outcomes-service";
  static final String RECORD_TYPE = "TrialDataLock";

  /** The primary outcome: CAPS-5 total at the primary endpoint (week 18). */
  static final String PRIMARY_INSTRUMENT = "CAPS5";

  static final Timepoint PRIMARY_TIMEPOINT = Timepoint.PRIMARY_ENDPOINT;

  private final DataLockGuard guard;
  private final TrialOwnership ownership;
  private final AuditTrail audit;
  private final Outbox outbox;
  private final ObjectMapper json;

  DataLockService(
      DataLockGuard guard,
      TrialOwnership ownership,
      AuditTrail audit,
      Outbox outbox,
      ObjectMapper json) {
    this.guard = guard;
    this.ownership = ownership;
    this.audit = audit;
    this.outbox = outbox;
    this.json = json;
  }

  /**
   * Locks the trial for the caller of {@code scope}; {@code signer} signs the lock record (it may
   * refuse: a login too old, 401).
   */
  public Uni<DataLockView> lock(
      String trialId,
      String reason,
      Scope scope,
      Function<SignedRecord, ElectronicSignature> signer) {
    return ownership
        .check(trialId, scope)
        .chain(
            () ->
                Panache.withTransaction(
                    () ->
                        guard
                            .exclusive(trialId)
                            .chain(() -> requireKnown(trialId))
                            .chain(() -> DataLockGuard.latest(trialId))
                            .chain(
                                latest -> {
                                  if (latest != null
                                      && latest.action == TrialDataLock.Action.LOCK) {
                                    throw DataLockGuard.locked(latest);
                                  }
                                  return requirePrimaryEndpoints(trialId)
                                      .chain(() -> Assessment.count("trialId", trialId))
                                      .chain(
                                          count ->
                                              act(
                                                  trialId,
                                                  TrialDataLock.Action.LOCK,
                                                  reason,
                                                  latest,
                                                  count,
                                                  scope.actor(),
                                                  signer))
                                      .map(lock -> DataLockView.of(lock, null));
                                })));
  }

  /** Unlocks the trial, signed; 409 if it is not locked. */
  public Uni<DataLockView> release(
      String trialId,
      String reason,
      Scope scope,
      Function<SignedRecord, ElectronicSignature> signer) {
    return ownership
        .check(trialId, scope)
        .chain(
            () ->
                Panache.withTransaction(
                    () ->
                        guard
                            .exclusive(trialId)
                            .chain(() -> DataLockGuard.latest(trialId))
                            .chain(
                                latest -> {
                                  if (latest == null) {
                                    return requireKnown(trialId)
                                        .chain(
                                            known ->
                                                Uni.createFrom()
                                                    .<DataLockView>failure(notLocked(trialId)));
                                  }
                                  if (latest.action != TrialDataLock.Action.LOCK) {
                                    throw notLocked(trialId);
                                  }
                                  return Assessment.count("trialId", trialId)
                                      .chain(
                                          count ->
                                              act(
                                                  trialId,
                                                  TrialDataLock.Action.UNLOCK,
                                                  reason,
                                                  latest,
                                                  count,
                                                  scope.actor(),
                                                  signer))
                                      .map(unlock -> DataLockView.of(latest, unlock));
                                })));
  }

  /** The trial's lock state, for a reader of the trial's sponsor (sponsor, DSMB, statistician). */
  public Uni<DataLockView> state(String trialId, Scope scope) {
    return ownership
        .check(trialId, scope)
        .chain(() -> Panache.withSession(() -> stateInSession(trialId)));
  }

  /** Every lock and unlock of the trial, oldest first. */
  public Uni<PageOf<DataLockView.Entry>> history(String trialId, Scope scope, int page, int size) {
    return ownership
        .check(trialId, scope)
        .chain(
            () ->
                Panache.withSession(
                    () ->
                        stateInSession(trialId)
                            .chain(
                                known ->
                                    PageOf.of(
                                        TrialDataLock.<TrialDataLock>find(
                                            "trialId", Sort.ascending("sequence"), trialId),
                                        DataLockView.Entry::of,
                                        page,
                                        size))));
  }

  private Uni<DataLockView> stateInSession(String trialId) {
    return DataLockGuard.latest(trialId)
        .chain(
            latest -> {
              if (latest == null) {
                return requireKnown(trialId).map(known -> DataLockView.never(trialId));
              }
              if (latest.action == TrialDataLock.Action.LOCK) {
                return Uni.createFrom().item(DataLockView.of(latest, null));
              }
              return TrialDataLock.<TrialDataLock>find(
                      "trialId = ?1 and action = ?2 order by sequence desc",
                      trialId,
                      TrialDataLock.Action.LOCK)
                  .firstResult()
                  .map(lock -> DataLockView.of(lock, latest));
            });
  }

  /** Signs, then writes the row, its audit entry and its event. */
  private Uni<TrialDataLock> act(
      String trialId,
      TrialDataLock.Action action,
      String reason,
      TrialDataLock latest,
      long assessments,
      Actor actor,
      Function<SignedRecord, ElectronicSignature> signer) {
    int sequence = latest == null ? 1 : latest.sequence + 1;
    var content = new LinkedHashMap<String, Object>();
    content.put("trialId", trialId);
    content.put("action", action.name());
    content.put("sequence", sequence);
    content.put("reason", reason);
    content.put("assessments", assessments);
    // Signed before anything is written: a refused signature leaves no trace but the 401.
    var signature = signer.apply(new SignedRecord(RECORD_TYPE, trialId + "#" + sequence, content));
    var row = new TrialDataLock();
    row.id = UUID.randomUUID();
    row.trialId = trialId;
    row.sequence = sequence;
    row.action = action;
    row.reason = reason;
    row.assessments = (int) assessments;
    row.actedBy = signature.signerUsername();
    row.actedAt = signature.signedAt().truncatedTo(ChronoUnit.MICROS);
    row.sign(signature);
    var entry = DataLockView.Entry.of(row);
    return row.<TrialDataLock>persist()
        .call(
            () ->
                audit.record(
                    new AuditEvent(
                        actor,
                        RECORD_TYPE,
                        trialId,
                        action.name(),
                        null,
                        entry,
                        reason,
                        trialId,
                        null)))
        .call(() -> announce(row))
        .replaceWith(row);
  }

  private Uni<Void> announce(TrialDataLock row) {
    Object payload =
        row.action == TrialDataLock.Action.LOCK
            ? new TrialDataLocked(row.trialId, row.actedBy, row.reason, row.actedAt)
            : new TrialDataUnlocked(row.trialId, row.actedBy, row.reason, row.actedAt);
    String type =
        row.action == TrialDataLock.Action.LOCK
            ? EventTypes.TRIAL_DATA_LOCKED
            : EventTypes.TRIAL_DATA_UNLOCKED;
    var event = EventEnvelope.of(type, SOURCE, row.trialId, null, json.valueToTree(payload));
    return outbox.publish(Topics.DATA_LOCKS, row.trialId, event);
  }

  /** Needs a session. A trial none of whose participants is known here answers 404. */
  private static Uni<Boolean> requireKnown(String trialId) {
    return TrialParticipant.count("trialId", trialId)
        .map(
            count -> {
              if (count == 0) {
                throw Problems.NOT_FOUND.problem("No trial " + trialId);
              }
              return true;
            });
  }

  /** Needs a session. 422 naming (by code only) who still lacks the primary endpoint. */
  private static Uni<Void> requirePrimaryEndpoints(String trialId) {
    return TrialParticipant.<TrialParticipant>list(
            "trialId = ?1 and randomizedAt is not null and withdrawnAt is null", trialId)
        .chain(
            owing ->
                Assessment.<Assessment>list(
                        "trialId = ?1 and instrument = ?2 and timepoint = ?3",
                        trialId,
                        PRIMARY_INSTRUMENT,
                        PRIMARY_TIMEPOINT)
                    .map(
                        done -> {
                          Set<String> assessed = new HashSet<>();
                          done.forEach(a -> assessed.add(a.participantCode));
                          var missing = new TreeSet<String>();
                          owing.forEach(
                              p -> {
                                if (!assessed.contains(p.participantCode)) {
                                  missing.add(p.participantCode);
                                }
                              });
                          if (!missing.isEmpty()) {
                            List<Violation> violations =
                                missing.stream()
                                    .map(
                                        code ->
                                            new Violation(
                                                "participants." + code,
                                                "has no "
                                                    + PRIMARY_INSTRUMENT
                                                    + " at "
                                                    + PRIMARY_TIMEPOINT))
                                    .toList();
                            throw Problems.PRIMARY_ENDPOINT_MISSING.problem(
                                "Trial "
                                    + trialId
                                    + " cannot be locked before the last primary endpoint: "
                                    + String.join(", ", missing)
                                    + " still lack "
                                    + PRIMARY_INSTRUMENT
                                    + " at "
                                    + PRIMARY_TIMEPOINT,
                                violations);
                          }
                          return null;
                        }))
        .replaceWithVoid();
  }

  private static Problem notLocked(String trialId) {
    return Problems.NOT_LOCKED.problem(
        "The outcome data of trial " + trialId + " are not locked: there is nothing to unlock");
  }
}

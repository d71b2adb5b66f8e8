package org.mdmaat.session.accountability;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.problem.QueryChoice;
import org.mdmaat.platform.problem.Violation;
import org.mdmaat.platform.security.Scope;
import org.mdmaat.platform.signature.ElectronicSignature;
import org.mdmaat.platform.signature.Signatures;
import org.mdmaat.platform.signature.SignedRecord;
import org.mdmaat.session.Problems;

/**
 * Witnessed destruction in two steps. A pharmacist records what is to be destroyed, how, and sets
 * the amount aside (it can no longer be dispensed); then two witnesses each sign it with their own
 * account. The second signature writes the DESTROYED ledger line; until then the balance does not
 * move. A pharmacist may cancel a destruction not yet completed, with a reason.
 *
 * <p>DEA practice (21 CFR 1317.95(d); DEA Form 41) wants two employees of the registrant to witness
 * the destruction and sign the record. Here both must be people other than the pharmacist who
 * recorded it, and each other: the recorder does the destroying and cannot attest their own act. A
 * witness signs with the platform's electronic signature ({@link Signatures}): a fresh login, their
 * name from the identity provider, the meaning, the time and the hash of the destruction's facts
 * and the statement they attest (21 CFR 11.50, 11.70, 11.200).
 *
 * <p>Writes follow the ledger's lock order (see {@link AccountabilityService}): audit entry first,
 * then the site's lock, then the destruction is read again and checked.
 */
@ApplicationScoped
public class DestructionService {

  private final AccountabilityService ledger;
  private final AuditTrail audit;

  DestructionService(AccountabilityService ledger, AuditTrail audit) {
    this.ledger = ledger;
    this.audit = audit;
  }

  /**
   * Records a destruction to be witnessed, setting its amount aside. {@code recorderName} is the
   * recorder's full name from the identity provider, if it has one.
   */
  @WithTransaction
  public Uni<DestructionView> record(
      String siteCode, DestructionRequest request, Scope scope, Optional<String> recorderName) {
    scope.requireSite(siteCode);
    var recorder = scope.actor();
    var d = new KitDestruction();
    d.id = UUID.randomUUID();
    d.siteCode = siteCode;
    d.kitCode = request.kitCode();
    d.mgHcl = request.mgHcl().setScale(2);
    d.method = request.method().strip();
    d.note = request.note();
    d.status = DestructionStatus.PENDING_WITNESSES;
    d.recordedBy = recorder.subject();
    d.recorderName = recorderName.orElse(d.recordedBy);
    d.recordedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    var line =
        AccountabilityService.Line.of(siteCode, request.kitCode(), MovementKind.DESTROYED, d.mgHcl);
    return audit
        .record(
            new AuditEvent(
                recorder,
                "KitDestruction",
                d.id.toString(),
                "CREATE",
                null,
                DestructionView.of(d, List.of()),
                request.note(),
                null,
                null))
        .chain(() -> ledger.lockSite(siteCode))
        .chain(() -> AccountabilityService.kit(siteCode, request.kitCode()))
        .chain(
            kit -> {
              if (kit == null) {
                throw AccountabilityService.notReceived(line);
              }
              d.kitId = kit.id;
              return AccountabilityService.state(kit);
            })
        .invoke(
            state -> {
              if (d.mgHcl.compareTo(state.available()) > 0) {
                throw Problems.KIT_BALANCE.problem(
                    "Kit "
                        + d.kitCode
                        + " at "
                        + siteCode
                        + " has "
                        + state.available().toPlainString()
                        + " mg HCl that is not dispensed, lost or already set aside for"
                        + " destruction: "
                        + d.mgHcl.toPlainString()
                        + " cannot be destroyed",
                    List.of(new Violation("mgHcl", "more than the kit holds")));
              }
            })
        .chain(() -> d.<KitDestruction>persist())
        .call(() -> Panache.getSession().chain(s -> s.flush()))
        .map(saved -> DestructionView.of(saved, List.of()));
  }

  /**
   * A witness signs with the platform's electronic signature: {@code signer} signs for the caller
   * of {@code scope}, whose full name from the identity provider is {@code witnessName} (it may
   * refuse: a login too old, no name). The second distinct witness completes the destruction: the
   * DESTROYED line is written (refused, with the signature, if the kit no longer holds the amount).
   */
  @WithTransaction
  public Uni<DestructionView> sign(
      String siteCode,
      UUID id,
      Scope scope,
      Optional<String> witnessName,
      Function<SignedRecord, ElectronicSignature> signer) {
    scope.requireSite(siteCode);
    return visible(siteCode, id)
        .chain(
            d -> {
              var actor = scope.actor();
              var subject = actor.subject();
              if (key(subject).equals(key(d.recordedBy))) {
                throw Problems.WITNESS_RULE.problem(
                    "The pharmacist who recorded a destruction cannot witness it: two other"
                        + " people must sign",
                    List.of(new Violation(null, "the recorder cannot sign as a witness")));
              }
              // Without a name the platform refuses to sign; the statement is not used then.
              var statement = d.statement(witnessName.orElse(""), subject);
              // Signed before anything is written: a refused signature (stale login, no name)
              // leaves no witness, no audit entry.
              var signature = signer.apply(d.signed(statement));
              var s =
                  DestructionSignature.of(
                      d, signature, String.join(",", new TreeSet<>(actor.roles())), statement);
              return audit
                  .record(
                      new AuditEvent(
                          actor,
                          "DestructionSignature",
                          s.id.toString(),
                          "SIGN",
                          null,
                          new AuditedSignature(
                              d.id, d.siteCode, d.kitCode, s.witnessRoles, statement, signature),
                          null,
                          null,
                          null))
                  .chain(() -> ledger.lockSite(siteCode))
                  // Read again under the lock: another witness may have signed meanwhile.
                  .chain(() -> Panache.getSession().chain(session -> session.refresh(d)))
                  .chain(() -> signaturesOf(d.id))
                  .chain(
                      before -> {
                        if (d.status != DestructionStatus.PENDING_WITNESSES) {
                          throw Problems.DESTRUCTION_NOT_PENDING.problem(
                              "Destruction "
                                  + d.id
                                  + " is "
                                  + d.status
                                  + ": it takes no signature");
                        }
                        if (before.stream()
                            .anyMatch(
                                b ->
                                    b.witnessKey.equals(s.witnessKey)
                                        || s.signerId.equals(b.signerId))) {
                          throw Problems.WITNESS_ALREADY_SIGNED.problem(
                              subject
                                  + " has already signed destruction "
                                  + d.id
                                  + ": a second witness must sign");
                        }
                        return s.persist()
                            .call(() -> Panache.getSession().chain(session -> session.flush()))
                            .chain(
                                () -> {
                                  var after =
                                      java.util.stream.Stream.concat(
                                              before.stream(), java.util.stream.Stream.of(s))
                                          .toList();
                                  if (after.size() < DestructionView.WITNESSES) {
                                    return Uni.createFrom().item(DestructionView.of(d, after));
                                  }
                                  return complete(d, before, after, actor);
                                });
                      });
            });
  }

  private Uni<DestructionView> complete(
      KitDestruction d,
      List<DestructionSignature> before,
      List<DestructionSignature> after,
      Actor actor) {
    var was = DestructionView.of(d, before);
    return ledger
        .append(
            AccountabilityService.Line.of(d.siteCode, d.kitCode, MovementKind.DESTROYED, d.mgHcl)
                .note(d.note)
                .destruction(d.id, d.recordedBy),
            actor)
        .chain(
            movement -> {
              d.status = DestructionStatus.COMPLETED;
              d.movementId = movement.id;
              return Panache.getSession().chain(session -> session.flush());
            })
        .chain(
            () ->
                audit.record(
                    new AuditEvent(
                        actor,
                        "KitDestruction",
                        d.id.toString(),
                        "COMPLETE",
                        was,
                        DestructionView.of(d, after),
                        "signed by two witnesses",
                        null,
                        null)))
        .replaceWith(() -> DestructionView.of(d, after));
  }

  /** Withdraws a destruction not yet completed; its amount is no longer set aside. */
  @WithTransaction
  public Uni<DestructionView> cancel(
      String siteCode, UUID id, CancellationRequest request, Scope scope) {
    scope.requireSite(siteCode);
    var actor = scope.actor();
    var at = Instant.now().truncatedTo(ChronoUnit.MICROS);
    var reason = request.reason().strip();
    return visible(siteCode, id)
        .chain(
            d ->
                signaturesOf(d.id)
                    .chain(
                        seen -> {
                          requirePending(d);
                          var was = DestructionView.of(d, seen);
                          var will =
                              new DestructionView(
                                  was.id(),
                                  was.siteCode(),
                                  was.kitCode(),
                                  was.mgHcl(),
                                  was.method(),
                                  was.note(),
                                  DestructionStatus.CANCELLED,
                                  0,
                                  was.signatures(),
                                  was.recordedBy(),
                                  was.recorderName(),
                                  was.recordedAt(),
                                  null,
                                  actor.subject(),
                                  at,
                                  reason);
                          return audit
                              .record(
                                  new AuditEvent(
                                      actor,
                                      "KitDestruction",
                                      d.id.toString(),
                                      "CANCEL",
                                      was,
                                      will,
                                      reason,
                                      null,
                                      null))
                              .chain(() -> ledger.lockSite(siteCode))
                              .chain(() -> Panache.getSession().chain(s -> s.refresh(d)))
                              .chain(() -> signaturesOf(d.id))
                              .chain(
                                  now -> {
                                    requirePending(d);
                                    if (now.size() != seen.size()) {
                                      throw Problems.DESTRUCTION_NOT_PENDING.problem(
                                          "Destruction "
                                              + d.id
                                              + " was signed meanwhile: look at it again");
                                    }
                                    d.status = DestructionStatus.CANCELLED;
                                    d.cancelledBy = actor.subject();
                                    d.cancelledAt = at;
                                    d.cancelReason = reason;
                                    return Panache.getSession()
                                        .chain(s -> s.flush())
                                        .replaceWith(will);
                                  });
                        }));
  }

  private static void requirePending(KitDestruction d) {
    if (d.status != DestructionStatus.PENDING_WITNESSES) {
      throw Problems.DESTRUCTION_NOT_PENDING.problem("Destruction " + d.id + " is " + d.status);
    }
  }

  @WithSession
  public Uni<DestructionView> get(String siteCode, UUID id, Scope scope) {
    scope.requireSite(siteCode);
    return visible(siteCode, id).chain(d -> signaturesOf(d.id).map(s -> DestructionView.of(d, s)));
  }

  /**
   * A site's destructions, newest first, optionally one status (query parameter {@code status},
   * read after the site check).
   */
  @WithSession
  public Uni<PageOf<DestructionView>> list(
      String siteCode, String statusName, Scope scope, int page, int size) {
    scope.requireSite(siteCode);
    var status = QueryChoice.of(DestructionStatus.class, "status", statusName, null);
    var query =
        status == null
            ? KitDestruction.<KitDestruction>find(
                "siteCode = ?1 order by recordedAt desc, id", siteCode)
            : KitDestruction.<KitDestruction>find(
                "siteCode = ?1 and status = ?2 order by recordedAt desc, id", siteCode, status);
    return PageOf.ofAll(
        query,
        items ->
            signatures(items.stream().map(d -> d.id).toList())
                .map(
                    sigs ->
                        items.stream()
                            .map(d -> DestructionView.of(d, sigs.getOrDefault(d.id, List.of())))
                            .toList()),
        page,
        size);
  }

  private static Uni<KitDestruction> visible(String siteCode, UUID id) {
    return KitDestruction.<KitDestruction>findById(id)
        .map(
            d -> {
              if (d == null || !d.siteCode.equals(siteCode)) {
                throw Problems.NOT_FOUND.problem("No destruction " + id + " at " + siteCode);
              }
              return d;
            });
  }

  private static Uni<List<DestructionSignature>> signaturesOf(UUID destructionId) {
    return DestructionSignature.list("destructionId = ?1 order by signedAt, id", destructionId);
  }

  /** Signatures of these destructions, oldest first. */
  static Uni<Map<UUID, List<DestructionSignature>>> signatures(List<UUID> destructionIds) {
    if (destructionIds.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    return DestructionSignature.<DestructionSignature>list(
            "destructionId in ?1 order by signedAt, id", destructionIds)
        .map(
            all ->
                all.stream()
                    .collect(
                        Collectors.groupingBy(
                            s -> s.destructionId,
                            java.util.LinkedHashMap::new,
                            Collectors.toList())));
  }

  /** Usernames are compared case-insensitively. */
  static String key(String subject) {
    return subject.strip().toLowerCase(Locale.ROOT);
  }

  /** A signature as the audit trail keeps it: what it signs, the statement and the signature. */
  record AuditedSignature(
      UUID destructionId,
      String siteCode,
      String kitCode,
      String witnessRoles,
      String statement,
      ElectronicSignature signature) {}
}

package org.mdmaat.session.accountability;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.problem.RuleViolation;
import org.mdmaat.platform.problem.Violation;

/**
 * The Schedule I ledger per site: receipts, dispenses (written with the dose they supplied),
 * returns and destructions, each with the site's running balance after it. Writers of one site take
 * a transaction-scoped lock, so running balances follow the ledger's order.
 */
@ApplicationScoped
public class AccountabilityService {
  private static final String SITE_LOCK = "select 1 from pg_advisory_xact_lock(hashtext(:key))";

  private final AuditTrail audit;

  AccountabilityService(AuditTrail audit) {
    this.audit = audit;
  }

  @WithTransaction
  public Uni<MovementView> receive(String siteCode, MovementRequest request, Actor actor) {
    if (request.witnesses() != null && !request.witnesses().isEmpty()) {
      throw rule("witnesses", "witnesses are recorded for destruction only");
    }
    return append(
            siteCode,
            request.kitCode(),
            MovementKind.RECEIVED,
            request.mgHcl(),
            request.arm(),
            null,
            null,
            request.note(),
            actor)
        .map(MovementView::of);
  }

  @WithTransaction
  public Uni<MovementView> returned(String siteCode, MovementRequest request, Actor actor) {
    noArmOrWitnesses(request);
    return append(
            siteCode,
            request.kitCode(),
            MovementKind.RETURNED,
            request.mgHcl(),
            null,
            null,
            null,
            request.note(),
            actor)
        .map(MovementView::of);
  }

  /** Destruction needs two distinct witnesses, neither of them the pharmacist recording it. */
  @WithTransaction
  public Uni<MovementView> destroyed(String siteCode, MovementRequest request, Actor actor) {
    if (request.arm() != null) {
      throw rule("arm", "the arm is recorded on receipt only");
    }
    var distinct = new LinkedHashSet<String>();
    var normalized = new LinkedHashSet<String>();
    if (request.witnesses() != null) {
      for (var w : request.witnesses()) {
        if (normalized.add(w.trim().toLowerCase(Locale.ROOT))) {
          distinct.add(w.trim());
        }
      }
    }
    if (normalized.contains(actor.subject().toLowerCase(Locale.ROOT))) {
      throw rule("witnesses", "the pharmacist recording a destruction cannot witness it");
    }
    if (distinct.size() < 2) {
      throw rule("witnesses", "a destruction needs two distinct witnesses");
    }
    return append(
            siteCode,
            request.kitCode(),
            MovementKind.DESTROYED,
            request.mgHcl(),
            null,
            null,
            String.join(",", distinct),
            request.note(),
            actor)
        .map(MovementView::of);
  }

  /**
   * Writes the dispense of a dose, in the caller's transaction (the dose's): dispensing happens
   * exactly when a dose is recorded.
   */
  public Uni<KitMovement> dispense(
      String siteCode,
      String kitCode,
      BigDecimal mgHcl,
      UUID doseId,
      String trialId,
      String participantCode,
      Actor actor) {
    return append(
        siteCode,
        kitCode,
        MovementKind.DISPENSED,
        mgHcl,
        null,
        doseId,
        null,
        null,
        actor,
        trialId,
        participantCode);
  }

  private Uni<KitMovement> append(
      String siteCode,
      String kitCode,
      MovementKind kind,
      BigDecimal mgHcl,
      String arm,
      UUID doseId,
      String witnesses,
      String note,
      Actor actor) {
    return append(siteCode, kitCode, kind, mgHcl, arm, doseId, witnesses, note, actor, null, null);
  }

  private Uni<KitMovement> append(
      String siteCode,
      String kitCode,
      MovementKind kind,
      BigDecimal mgHcl,
      String arm,
      UUID doseId,
      String witnesses,
      String note,
      Actor actor,
      String trialId,
      String participantCode) {
    var m = new KitMovement();
    m.id = UUID.randomUUID();
    m.siteCode = siteCode;
    m.kitCode = kitCode;
    m.kind = kind;
    m.mgHcl = mgHcl;
    m.arm = arm;
    m.doseId = doseId;
    m.witnesses = witnesses;
    m.note = note;
    m.recordedBy = actor.subject();
    m.recordedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(SITE_LOCK, Integer.class)
                    .setParameter("key", "session-service:kits:" + siteCode)
                    .getSingleResult())
        .chain(
            () ->
                Panache.getSession()
                    .chain(
                        s ->
                            s.createQuery(
                                    "select m.balanceAfter from KitMovement m where m.siteCode ="
                                        + " :site order by m.recordedAt desc, m.id desc",
                                    BigDecimal.class)
                                .setParameter("site", siteCode)
                                .setMaxResults(1)
                                .getSingleResultOrNull()))
        .chain(
            last -> {
              m.balanceAfter = (last == null ? BigDecimal.ZERO : last).add(kind.signed(mgHcl));
              return m.<KitMovement>persist();
            })
        .call(
            () ->
                audit.record(
                    new AuditEvent(
                        actor,
                        "KitMovement",
                        m.id.toString(),
                        kind.name(),
                        null,
                        MovementView.of(m).withoutArm(),
                        note,
                        trialId,
                        participantCode)));
  }

  @WithSession
  public Uni<PageOf<MovementView>> ledger(String siteCode, int page, int size) {
    return KitMovement.<KitMovement>find("siteCode = ?1 order by recordedAt, id", siteCode)
        .page(page, size)
        .list()
        .flatMap(
            items ->
                KitMovement.count("siteCode = ?1", siteCode)
                    .map(
                        total ->
                            new PageOf<>(
                                items.stream().map(MovementView::of).toList(), page, size, total)));
  }

  @WithSession
  public Uni<KitBalance> balance(String siteCode) {
    return movements(siteCode).map(all -> summarize(siteCode, all));
  }

  @WithSession
  public Uni<List<Discrepancy>> discrepancies(String siteCode) {
    return movements(siteCode)
        .map(
            all -> {
              var found = new ArrayList<Discrepancy>();
              for (var kit : summarize(siteCode, all).kits()) {
                if (kit.dispensed().signum() > 0 && kit.received().signum() == 0) {
                  found.add(
                      new Discrepancy(
                          Discrepancy.DISPENSED_WITHOUT_RECEIPT,
                          kit.kitCode(),
                          kit.dispensed() + " mg HCl dispensed, none received"));
                }
                if (kit.returned().compareTo(kit.dispensed()) > 0) {
                  found.add(
                      new Discrepancy(
                          Discrepancy.RETURNED_MORE_THAN_DISPENSED,
                          kit.kitCode(),
                          kit.returned() + " mg HCl returned, " + kit.dispensed() + " dispensed"));
                }
                if (kit.balance().signum() < 0) {
                  found.add(
                      new Discrepancy(
                          Discrepancy.NEGATIVE_BALANCE,
                          kit.kitCode(),
                          "balance " + kit.balance() + " mg HCl"));
                }
              }
              all.stream()
                  .filter(m -> m.balanceAfter.signum() < 0)
                  .findFirst()
                  .ifPresent(
                      m ->
                          found.add(
                              new Discrepancy(
                                  Discrepancy.SITE_BALANCE_WENT_NEGATIVE,
                                  m.kitCode,
                                  "site balance "
                                      + m.balanceAfter
                                      + " mg HCl after "
                                      + m.kind
                                      + " "
                                      + m.id)));
              return found;
            });
  }

  private static Uni<List<KitMovement>> movements(String siteCode) {
    return KitMovement.list("siteCode = ?1 order by recordedAt, id", siteCode);
  }

  private static KitBalance summarize(String siteCode, List<KitMovement> all) {
    Map<String, Map<MovementKind, BigDecimal>> perKit = new TreeMap<>();
    Map<String, String> arms = new TreeMap<>();
    var total = BigDecimal.ZERO;
    for (var m : all) {
      perKit
          .computeIfAbsent(m.kitCode, k -> new java.util.EnumMap<>(MovementKind.class))
          .merge(m.kind, m.mgHcl, BigDecimal::add);
      if (m.arm != null) {
        arms.put(m.kitCode, m.arm);
      }
      total = total.add(m.kind.signed(m.mgHcl));
    }
    var kits = new ArrayList<KitBalance.Kit>();
    perKit.forEach(
        (code, sums) -> {
          var received = sums.getOrDefault(MovementKind.RECEIVED, BigDecimal.ZERO);
          var dispensed = sums.getOrDefault(MovementKind.DISPENSED, BigDecimal.ZERO);
          var returned = sums.getOrDefault(MovementKind.RETURNED, BigDecimal.ZERO);
          var destroyed = sums.getOrDefault(MovementKind.DESTROYED, BigDecimal.ZERO);
          kits.add(
              new KitBalance.Kit(
                  code,
                  arms.get(code),
                  received,
                  dispensed,
                  returned,
                  destroyed,
                  received.subtract(dispensed).add(returned).subtract(destroyed)));
        });
    return new KitBalance(siteCode, total, kits);
  }

  private static void noArmOrWitnesses(MovementRequest request) {
    if (request.arm() != null) {
      throw rule("arm", "the arm is recorded on receipt only");
    }
    if (request.witnesses() != null && !request.witnesses().isEmpty()) {
      throw rule("witnesses", "witnesses are recorded for destruction only");
    }
  }

  private static RuleViolation rule(String field, String message) {
    return new RuleViolation(
        "SES-0422-KIT",
        "The record breaks a Schedule I rule",
        List.of(new Violation(field, message)));
  }
}

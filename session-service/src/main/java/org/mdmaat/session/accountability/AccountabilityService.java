package org.mdmaat.session.accountability;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.problem.Problem;
import org.mdmaat.platform.problem.QueryChoice;
import org.mdmaat.platform.problem.Violation;
import org.mdmaat.platform.security.Scope;
import org.mdmaat.session.Problems;

/**
 * The Schedule I ledger per site: receipts (with the kit's content), dispenses (written with the
 * dose they supplied), returns, losses, thefts and witnessed destructions. Each line carries a
 * number from a database sequence and the running balance of its content (MDMA or placebo) at the
 * site.
 *
 * <p>Every line is written the same way, inside the caller's transaction: its audit entry first,
 * then the site's ledger lock, then the kit's state is read and the rules checked, then the line
 * takes the next sequence number and continues the content's last line. A refusal throws, and the
 * transaction (the dose's too) writes nothing. The audit entry comes first on purpose: it takes the
 * audit chain's lock, and the dose path already holds that lock when it dispenses, so every writer
 * takes the chain lock before the site lock and none can wait for the other in reverse. Holding
 * both, nobody else can write to the site's ledger between the reads and the line.
 */
@ApplicationScoped
public class AccountabilityService {

  private static final String SITE_LOCK = "select 1 from pg_advisory_xact_lock(hashtext(:key))";
  private static final String NEXT_SEQ = "select nextval('kit_movement_seq')";
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  private final AuditTrail audit;

  AccountabilityService(AuditTrail audit) {
    this.audit = audit;
  }

  /**
   * What a new line records besides its kind and amount.
   *
   * @param receivedContent the kit's content, on receipt only
   * @param destructionId the witnessed destruction a DESTROYED line completes
   * @param recordedBy who the line names as its recorder; the actor when null
   */
  record Line(
      String siteCode,
      String kitCode,
      MovementKind kind,
      BigDecimal mgHcl,
      KitContent receivedContent,
      UUID doseId,
      Incident incident,
      UUID destructionId,
      String note,
      String recordedBy,
      String trialId,
      String participantCode) {

    static Line of(String siteCode, String kitCode, MovementKind kind, BigDecimal mgHcl) {
      return new Line(
          siteCode, kitCode, kind, mgHcl, null, null, null, null, null, null, null, null);
    }

    Line content(KitContent c) {
      return new Line(
          siteCode,
          kitCode,
          kind,
          mgHcl,
          c,
          doseId,
          incident,
          destructionId,
          note,
          recordedBy,
          trialId,
          participantCode);
    }

    Line note(String n) {
      return new Line(
          siteCode,
          kitCode,
          kind,
          mgHcl,
          receivedContent,
          doseId,
          incident,
          destructionId,
          n,
          recordedBy,
          trialId,
          participantCode);
    }

    Line incident(Incident i) {
      return new Line(
          siteCode,
          kitCode,
          kind,
          mgHcl,
          receivedContent,
          doseId,
          i,
          destructionId,
          note,
          recordedBy,
          trialId,
          participantCode);
    }

    Line dose(UUID id, String trial, String participant) {
      return new Line(
          siteCode,
          kitCode,
          kind,
          mgHcl,
          receivedContent,
          id,
          incident,
          destructionId,
          note,
          recordedBy,
          trial,
          participant);
    }

    Line destruction(UUID id, String recorder) {
      return new Line(
          siteCode,
          kitCode,
          kind,
          mgHcl,
          receivedContent,
          doseId,
          incident,
          id,
          note,
          recorder,
          trialId,
          participantCode);
    }

    /** A dose's dispense: its refusals speak to the (blinded) person giving the dose. */
    boolean forDose() {
      return doseId != null;
    }
  }

  @WithTransaction
  public Uni<MovementView> receive(String siteCode, ReceiptRequest request, Scope scope) {
    scope.requireSite(siteCode);
    return append(
            Line.of(siteCode, request.kitCode(), MovementKind.RECEIVED, request.mgHcl())
                .content(request.content())
                .note(request.note()),
            scope.actor())
        .map(AccountabilityService::view);
  }

  @WithTransaction
  public Uni<MovementView> returned(String siteCode, ReturnRequest request, Scope scope) {
    scope.requireSite(siteCode);
    return append(
            Line.of(siteCode, request.kitCode(), MovementKind.RETURNED, request.mgHcl())
                .note(request.note()),
            scope.actor())
        .map(AccountabilityService::view);
  }

  /** A loss or theft ({@code kind} LOST or STOLEN) with its report. */
  @WithTransaction
  public Uni<MovementView> incident(
      String siteCode, MovementKind kind, IncidentRequest request, Scope scope) {
    scope.requireSite(siteCode);
    var actor = scope.actor();
    if (!kind.incident()) {
      throw new IllegalArgumentException(kind + " is not a loss or theft");
    }
    var discoveredAt = request.discoveredAt().toInstant().truncatedTo(ChronoUnit.MICROS);
    if (discoveredAt.isAfter(Instant.now().plus(CLOCK_SKEW))) {
      throw Problems.KIT_INPUT.problem(
          "A " + kind.name().toLowerCase() + " cannot be discovered in the future",
          List.of(new Violation("discoveredAt", "must not be in the future")));
    }
    return append(
            Line.of(siteCode, request.kitCode(), kind, request.mgHcl())
                .incident(
                    new Incident(
                        request.reportReference().strip(),
                        discoveredAt,
                        request.description().strip()))
                .note(request.note()),
            actor)
        .map(AccountabilityService::view);
  }

  /**
   * Writes the dispense of a dose, in the caller's transaction (the dose's): dispensing happens
   * exactly when a dose is recorded. Refused (422, nothing written, so the dose is refused too)
   * when the kit was not received at the site ({@code SES-0422-KIT-NOT-RECEIVED}) or does not hold
   * {@code mgHcl} that is neither dispensed, lost, destroyed nor set aside for a destruction
   * ({@code SES-0422-KIT-BALANCE}). The refusal names the kit, never its content.
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
        Line.of(siteCode, kitCode, MovementKind.DISPENSED, mgHcl)
            .dose(doseId, trialId, participantCode),
        actor);
  }

  /** Appends {@code line} to its site's ledger in the current transaction; see the class. */
  Uni<KitMovement> append(Line line, Actor actor) {
    var m = new KitMovement();
    m.id = UUID.randomUUID();
    m.siteCode = line.siteCode();
    m.kitCode = line.kitCode();
    m.kind = line.kind();
    m.mgHcl = line.mgHcl().setScale(2);
    m.doseId = line.doseId();
    if (line.incident() != null) {
      m.reportReference = line.incident().reportReference();
      m.discoveredAt = line.incident().discoveredAt();
      m.description = line.incident().description();
    }
    m.note = line.note();
    m.recordedBy = line.recordedBy() == null ? actor.subject() : line.recordedBy();
    m.recordedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    final Kit received = line.kind() == MovementKind.RECEIVED ? newKit(line, m) : null;
    var audited =
        AuditedMovement.of(
            m, line.destructionId(), received == null ? null : received.contentCommitment());
    return audit
        .record(
            new AuditEvent(
                actor,
                "KitMovement",
                m.id.toString(),
                m.kind.name(),
                null,
                audited,
                line.note(),
                line.trialId(),
                line.participantCode()))
        .chain(() -> lockSite(line.siteCode()))
        .chain(() -> kit(line.siteCode(), line.kitCode()))
        .chain(
            kit -> {
              if (received != null) {
                if (kit != null) {
                  throw Problems.KIT_ALREADY_RECEIVED.problem(
                      "Kit "
                          + kit.kitCode
                          + " was already received at "
                          + kit.siteCode
                          + " (ledger line "
                          + kit.receivedSeq
                          + ")");
                }
                m.content = received.content;
                return Uni.createFrom().voidItem();
              }
              if (kit == null) {
                throw notReceived(line);
              }
              m.content = kit.content;
              return state(kit).invoke(state -> check(line, m.mgHcl, state)).replaceWithVoid();
            })
        .chain(this::nextSeq)
        .chain(
            seq -> {
              m.seq = seq;
              return last(line.siteCode(), m.content);
            })
        .chain(
            last -> {
              m.previousSeq = last == null ? 0L : last.seq;
              m.balanceAfter =
                  (last == null ? BigDecimal.ZERO : last.balanceAfter).add(m.kind.signed(m.mgHcl));
              return m.persist();
            })
        .call(() -> Panache.getSession().chain(s -> s.flush()))
        .call(
            () -> {
              if (received == null) {
                return Uni.createFrom().voidItem();
              }
              received.receivedSeq = m.seq;
              return received.persist().call(() -> Panache.getSession().chain(s -> s.flush()));
            })
        .replaceWith(m);
  }

  private static Kit newKit(Line line, KitMovement m) {
    var kit = new Kit();
    kit.id = UUID.randomUUID();
    kit.siteCode = line.siteCode();
    kit.kitCode = line.kitCode();
    kit.content = line.receivedContent();
    kit.mgHcl = m.mgHcl;
    kit.contentSalt = Kit.newSalt();
    kit.receivedBy = m.recordedBy;
    kit.receivedAt = m.recordedAt;
    return kit;
  }

  private static void check(Line line, BigDecimal mg, KitState state) {
    var kit = "kit " + line.kitCode() + " at " + line.siteCode();
    switch (line.kind()) {
      case DISPENSED -> {
        if (mg.compareTo(state.available()) > 0) {
          throw line.forDose()
              ? Problems.KIT_BALANCE.problem(
                  "The dose is refused: "
                      + kit
                      + " does not hold "
                      + mg.toPlainString()
                      + " mg HCl that can be dispensed; the pharmacy must look at the kit")
              : Problems.KIT_BALANCE.problem(
                  capitalized(kit)
                      + " has "
                      + state.available().toPlainString()
                      + " mg HCl that can be dispensed, not "
                      + mg.toPlainString(),
                  List.of(new Violation("mgHcl", "more than the kit holds")));
        }
      }
      case RETURNED -> {
        if (mg.compareTo(state.returnable()) > 0) {
          throw Problems.KIT_RETURN.problem(
              capitalized(kit)
                  + " has "
                  + state.returnable().toPlainString()
                  + " mg HCl dispensed and not returned: "
                  + mg.toPlainString()
                  + " cannot come back",
              List.of(
                  new Violation(
                      "mgHcl",
                      "at most "
                          + state.returnable().toPlainString()
                          + " (dispensed, not returned)")));
        }
      }
      case LOST, STOLEN, DESTROYED -> {
        if (mg.compareTo(state.onHand()) > 0) {
          throw Problems.KIT_BALANCE.problem(
              capitalized(kit)
                  + " holds "
                  + state.onHand().toPlainString()
                  + " mg HCl: "
                  + mg.toPlainString()
                  + " cannot be "
                  + line.kind().name().toLowerCase(),
              List.of(new Violation("mgHcl", "more than the kit holds")));
        }
      }
      case RECEIVED -> {
        // Checked before: a kit is received once.
      }
    }
  }

  static Problem notReceived(Line line) {
    var what =
        "kit " + line.kitCode() + " has not been received at " + line.siteCode() + "'s pharmacy";
    return line.forDose()
        ? Problems.KIT_NOT_RECEIVED.problem("The dose is refused: " + what)
        : Problems.KIT_NOT_RECEIVED.problem(
            capitalized(what) + ": record its receipt first",
            List.of(new Violation("kitCode", "not received at " + line.siteCode())));
  }

  private static String capitalized(String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  /** The site's ledger lock, held until the transaction ends. Take the audit chain's first. */
  Uni<Void> lockSite(String siteCode) {
    return Panache.getSession()
        .chain(
            s ->
                s.createNativeQuery(SITE_LOCK, Integer.class)
                    .setParameter("key", "session-service:kits:" + siteCode)
                    .getSingleResult())
        .replaceWithVoid();
  }

  private Uni<Long> nextSeq() {
    return Panache.getSession()
        .chain(s -> s.createNativeQuery(NEXT_SEQ, Long.class).getSingleResult());
  }

  static Uni<Kit> kit(String siteCode, String kitCode) {
    return Kit.<Kit>find("siteCode = ?1 and kitCode = ?2", siteCode, kitCode).firstResult();
  }

  private static Uni<KitMovement> last(String siteCode, KitContent content) {
    return Panache.getSession()
        .chain(
            s ->
                s.createQuery(
                        "from KitMovement m where m.siteCode = :site and m.content = :content"
                            + " order by m.seq desc",
                        KitMovement.class)
                    .setParameter("site", siteCode)
                    .setParameter("content", content)
                    .setMaxResults(1)
                    .getSingleResultOrNull());
  }

  /** The kit's totals by kind and what pending destructions set aside. */
  static Uni<KitState> state(Kit kit) {
    return Panache.getSession()
        .chain(
            s ->
                s.createQuery(
                        "select m.kind, sum(m.mgHcl) from KitMovement m where m.siteCode = :site"
                            + " and m.kitCode = :kit group by m.kind",
                        Object[].class)
                    .setParameter("site", kit.siteCode)
                    .setParameter("kit", kit.kitCode)
                    .getResultList()
                    .chain(
                        rows ->
                            s.createQuery(
                                    "select coalesce(sum(d.mgHcl), 0) from KitDestruction d"
                                        + " where d.kitId = :kit and d.status = :pending",
                                    BigDecimal.class)
                                .setParameter("kit", kit.id)
                                .setParameter("pending", DestructionStatus.PENDING_WITNESSES)
                                .getSingleResult()
                                .map(pending -> KitState.of(sums(rows), pending))));
  }

  private static Map<MovementKind, BigDecimal> sums(List<Object[]> rows) {
    var sums = new EnumMap<MovementKind, BigDecimal>(MovementKind.class);
    for (var row : rows) {
      sums.merge((MovementKind) row[0], (BigDecimal) row[1], BigDecimal::add);
    }
    return sums;
  }

  private static MovementView view(KitMovement m) {
    return MovementView.of(m, null, List.of());
  }

  // ---------------------------------------------------------------- reads (pharmacists)

  /**
   * The ledger in sequence order, optionally one content or kind (query parameters {@code content}
   * and {@code kind}, read after the site check: another site's ledger answers 404 whatever they
   * say).
   */
  @WithSession
  public Uni<PageOf<MovementView>> ledger(
      String siteCode, String contentName, String kindName, Scope scope, int page, int size) {
    scope.requireSite(siteCode);
    var content = QueryChoice.of(KitContent.class, "content", contentName, null);
    var kind = QueryChoice.of(MovementKind.class, "kind", kindName, null);
    var where = new StringBuilder("siteCode = :site");
    var parameters = Parameters.with("site", siteCode);
    if (content != null) {
      where.append(" and content = :content");
      parameters.and("content", content);
    }
    if (kind != null) {
      where.append(" and kind = :kind");
      parameters.and("kind", kind);
    }
    var query = KitMovement.<KitMovement>find(where + " order by seq", parameters);
    return PageOf.ofAll(query, AccountabilityService::views, page, size);
  }

  /** Ledger lines with the destructions (and their witnesses) that DESTROYED lines complete. */
  private static Uni<List<MovementView>> views(List<KitMovement> lines) {
    var destroyed =
        lines.stream().filter(m -> m.kind == MovementKind.DESTROYED).map(m -> m.id).toList();
    if (destroyed.isEmpty()) {
      return Uni.createFrom().item(lines.stream().map(AccountabilityService::view).toList());
    }
    return KitDestruction.<KitDestruction>list("movementId in ?1", destroyed)
        .chain(
            destructions ->
                DestructionService.signatures(destructions.stream().map(d -> d.id).toList())
                    .map(
                        signatures -> {
                          Map<UUID, KitDestruction> byMovement =
                              destructions.stream()
                                  .collect(Collectors.toMap(d -> d.movementId, d -> d));
                          return lines.stream()
                              .map(
                                  m -> {
                                    var d = byMovement.get(m.id);
                                    return MovementView.of(
                                        m,
                                        d,
                                        d == null
                                            ? List.of()
                                            : signatures.getOrDefault(d.id, List.of()));
                                  })
                              .toList();
                        }));
  }

  @WithSession
  public Uni<KitBalance> balance(String siteCode, Scope scope) {
    scope.requireSite(siteCode);
    return contentBalance(siteCode, KitContent.MDMA)
        .chain(
            mdma ->
                contentBalance(siteCode, KitContent.PLACEBO)
                    .chain(
                        placebo ->
                            Panache.getSession()
                                .chain(
                                    s ->
                                        s.createQuery(
                                                "from KitMovement m where m.siteCode = :site and"
                                                    + " m.content is null order by m.seq desc",
                                                KitMovement.class)
                                            .setParameter("site", siteCode)
                                            .setMaxResults(1)
                                            .getSingleResultOrNull())
                                .map(
                                    unrecorded ->
                                        new KitBalance(
                                            siteCode,
                                            mdma,
                                            placebo,
                                            unrecorded == null ? null : unrecorded.balanceAfter,
                                            Math.max(
                                                Math.max(mdma.lastSeq(), placebo.lastSeq()),
                                                unrecorded == null ? 0 : unrecorded.seq)))));
  }

  private static Uni<KitBalance.ContentBalance> contentBalance(
      String siteCode, KitContent content) {
    return last(siteCode, content)
        .chain(
            last ->
                Kit.count("siteCode = ?1 and content = ?2", siteCode, content)
                    .chain(
                        kits ->
                            Panache.getSession()
                                .chain(
                                    s ->
                                        s.createQuery(
                                                "select coalesce(sum(d.mgHcl), 0) from"
                                                    + " KitDestruction d, Kit k where d.kitId ="
                                                    + " k.id and d.siteCode = :site and k.content"
                                                    + " = :content and d.status = :pending",
                                                BigDecimal.class)
                                            .setParameter("site", siteCode)
                                            .setParameter("content", content)
                                            .setParameter(
                                                "pending", DestructionStatus.PENDING_WITNESSES)
                                            .getSingleResult())
                                .map(
                                    sum -> {
                                      var pending = KitState.mg(sum);
                                      var onHand =
                                          last == null
                                              ? BigDecimal.ZERO.setScale(2)
                                              : last.balanceAfter;
                                      return new KitBalance.ContentBalance(
                                          content,
                                          kits,
                                          onHand,
                                          pending,
                                          onHand.subtract(pending),
                                          last == null ? 0 : last.seq);
                                    })));
  }

  /**
   * Kits received at the site with their totals, by kit code, optionally one content (query
   * parameter {@code content}, read after the site check).
   */
  @WithSession
  public Uni<PageOf<KitView>> kits(
      String siteCode, String contentName, Scope scope, int page, int size) {
    scope.requireSite(siteCode);
    var content = QueryChoice.of(KitContent.class, "content", contentName, null);
    var query =
        content == null
            ? Kit.<Kit>find("siteCode = ?1 order by kitCode", siteCode)
            : Kit.<Kit>find("siteCode = ?1 and content = ?2 order by kitCode", siteCode, content);
    return PageOf.ofAll(query, kits -> kitViews(siteCode, kits), page, size);
  }

  private static Uni<List<KitView>> kitViews(String siteCode, List<Kit> kits) {
    if (kits.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    var codes = kits.stream().map(k -> k.kitCode).toList();
    var ids = kits.stream().map(k -> k.id).toList();
    return Panache.getSession()
        .chain(
            s ->
                s.createQuery(
                        "select m.kitCode, m.kind, sum(m.mgHcl) from KitMovement m where"
                            + " m.siteCode = :site and m.kitCode in :codes group by m.kitCode,"
                            + " m.kind",
                        Object[].class)
                    .setParameter("site", siteCode)
                    .setParameter("codes", codes)
                    .getResultList()
                    .chain(
                        sums ->
                            s.createQuery(
                                    "select d.kitId, sum(d.mgHcl) from KitDestruction d where"
                                        + " d.kitId in :ids and d.status = :pending group by"
                                        + " d.kitId",
                                    Object[].class)
                                .setParameter("ids", ids)
                                .setParameter("pending", DestructionStatus.PENDING_WITNESSES)
                                .getResultList()
                                .map(
                                    pending -> {
                                      Map<String, Map<MovementKind, BigDecimal>> byKit =
                                          new HashMap<>();
                                      for (var row : sums) {
                                        byKit
                                            .computeIfAbsent(
                                                (String) row[0],
                                                k -> new EnumMap<>(MovementKind.class))
                                            .put((MovementKind) row[1], (BigDecimal) row[2]);
                                      }
                                      Map<UUID, BigDecimal> set = new HashMap<>();
                                      for (var row : pending) {
                                        set.put((UUID) row[0], (BigDecimal) row[1]);
                                      }
                                      return kits.stream()
                                          .map(
                                              k ->
                                                  KitView.of(
                                                      k,
                                                      KitState.of(
                                                          byKit.getOrDefault(k.kitCode, Map.of()),
                                                          set.get(k.id))))
                                          .toList();
                                    })));
  }

  /**
   * What does not add up in the site's ledger: per kit (dispensed without receipt, returned more
   * than dispensed, negative balance, content not recorded), and along each content's running
   * balance in sequence order (a line that does not continue its predecessor, a negative balance).
   */
  @WithSession
  public Uni<PageOf<Discrepancy>> discrepancies(String siteCode, Scope scope, int page, int size) {
    scope.requireSite(siteCode);
    return KitMovement.<KitMovement>list("siteCode = ?1 order by seq", siteCode)
        .chain(
            lines ->
                Kit.<Kit>list("siteCode = ?1", siteCode)
                    .map(kits -> findDiscrepancies(lines, kits)))
        .map(all -> PageOf.slice(all, page, size));
  }

  static List<Discrepancy> findDiscrepancies(List<KitMovement> lines, List<Kit> kits) {
    var found = new ArrayList<Discrepancy>();
    var received = kits.stream().map(k -> k.kitCode).collect(Collectors.toSet());
    Map<String, Map<MovementKind, BigDecimal>> perKit = new TreeMap<>();
    Map<String, Boolean> contentMissing = new TreeMap<>();
    for (var m : lines) {
      perKit
          .computeIfAbsent(m.kitCode, k -> new EnumMap<>(MovementKind.class))
          .merge(m.kind, m.mgHcl, BigDecimal::add);
      if (m.content == null) {
        contentMissing.put(m.kitCode, true);
      }
    }
    perKit.forEach(
        (code, sums) -> {
          var kit = KitState.of(sums, BigDecimal.ZERO);
          if (kit.dispensed().signum() > 0 && !received.contains(code)) {
            found.add(
                new Discrepancy(
                    Discrepancy.DISPENSED_WITHOUT_RECEIPT,
                    code,
                    null,
                    kit.dispensed() + " mg HCl dispensed, the kit's receipt is not recorded"));
          }
          if (kit.returned().compareTo(kit.dispensed()) > 0) {
            found.add(
                new Discrepancy(
                    Discrepancy.RETURNED_MORE_THAN_DISPENSED,
                    code,
                    null,
                    kit.returned() + " mg HCl returned, " + kit.dispensed() + " dispensed"));
          }
          if (kit.onHand().signum() < 0) {
            found.add(
                new Discrepancy(
                    Discrepancy.NEGATIVE_BALANCE,
                    code,
                    null,
                    "balance " + kit.onHand() + " mg HCl"));
          }
          if (contentMissing.containsKey(code)) {
            found.add(
                new Discrepancy(
                    Discrepancy.CONTENT_NOT_RECORDED,
                    code,
                    null,
                    "lines of this kit do not say whether it holds MDMA or placebo"));
          }
        });
    // Each content's running balance, line by line in sequence order.
    Map<Optional<KitContent>, KitMovement> previous = new LinkedHashMap<>();
    Map<Optional<KitContent>, Boolean> wentNegative = new HashMap<>();
    Function<Optional<KitContent>, String> label =
        c -> c.map(KitContent::name).orElse("content-not-recorded");
    for (var m : lines) {
      var chain = Optional.ofNullable(m.content);
      var before = previous.get(chain);
      long expectedPrevious = before == null ? 0 : before.seq;
      var expectedBalance =
          (before == null ? BigDecimal.ZERO : before.balanceAfter).add(m.kind.signed(m.mgHcl));
      if (m.previousSeq == null
          || m.previousSeq != expectedPrevious
          || m.balanceAfter.compareTo(expectedBalance) != 0) {
        found.add(
            new Discrepancy(
                Discrepancy.RUNNING_BALANCE_BROKEN,
                m.kitCode,
                m.seq,
                label.apply(chain)
                    + " line "
                    + m.seq
                    + " continues line "
                    + m.previousSeq
                    + " with balance "
                    + m.balanceAfter
                    + " mg HCl; the line before it is "
                    + expectedPrevious
                    + " and gives "
                    + expectedBalance));
      }
      if (m.balanceAfter.signum() < 0 && !wentNegative.containsKey(chain)) {
        wentNegative.put(chain, true);
        found.add(
            new Discrepancy(
                Discrepancy.SITE_BALANCE_WENT_NEGATIVE,
                m.kitCode,
                m.seq,
                label.apply(chain)
                    + " balance "
                    + m.balanceAfter
                    + " mg HCl after "
                    + m.kind
                    + " line "
                    + m.seq));
      }
      previous.put(chain, m);
    }
    return found;
  }
}

package org.mdmaat.platform.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.hibernate.reactive.mutiny.Mutiny;
import org.mdmaat.platform.correlation.Correlation;

/**
 * The service's tamper-evident audit trail: one entry per state change, chained by SHA-256.
 *
 * <p>{@link #record} joins the caller's transaction, so an entry exists exactly when its change was
 * committed. Writers are serialized by a transaction-scoped PostgreSQL advisory lock, so the chain
 * stays a single line even with many service instances; the lock is held until the caller's
 * transaction ends, so record the entry after the change itself and keep the rest of the
 * transaction short.
 */
@ApplicationScoped
public class AuditTrail {
  /** Rows read per round trip by {@link #verify()}. */
  static final int VERIFY_BATCH = 500;

  // One lock for the chain of this database ("MDMAAUDT" in ASCII); held until commit/rollback.
  private static final long CHAIN_LOCK = 0x4D444D4141554454L;
  private static final String LOCK_CHAIN =
      "select 1 from pg_advisory_xact_lock(" + CHAIN_LOCK + ")";
  private static final String LAST_HASH = "select hash from audit_entry order by seq desc limit 1";

  private final Mutiny.SessionFactory sessions;
  private final StateJson states;
  private final AuditCheckpoints checkpoints;

  AuditTrail(Mutiny.SessionFactory sessions, ObjectMapper json, AuditCheckpoints checkpoints) {
    this.sessions = sessions;
    this.states = new StateJson(json);
    this.checkpoints = checkpoints;
  }

  /**
   * Appends an entry for {@code event} to the chain, in the caller's current transaction ({@code
   * Panache.withTransaction} or {@code @WithTransaction}); fails without one.
   */
  public Uni<AuditEntry> record(AuditEvent event) {
    return Uni.createFrom()
        .deferred(
            () -> {
              var entry = entryFor(event);
              return Panache.getSession().chain(session -> append(session, entry));
            });
  }

  private AuditEntry entryFor(AuditEvent event) {
    var actor = event.actor();
    return new AuditEntry(
        UUID.randomUUID(),
        Instant.now(),
        actor.subject(),
        String.join(",", new TreeSet<>(actor.roles())),
        event.entityType(),
        event.entityId(),
        event.action(),
        states.write(event.before()),
        states.write(event.after()),
        event.reason(),
        event.trialId(),
        event.participantCode(),
        Correlation.current(),
        traceId());
  }

  /**
   * The trace id of the current span: the request's server span, or the inbox's process span of a
   * consumer, which continues the trace the outbox carried through Kafka. Null without a valid span
   * (the SDK disabled, or no span on this context).
   */
  private static String traceId() {
    SpanContext span = Span.current().getSpanContext();
    return span.isValid() ? span.getTraceId() : null;
  }

  private Uni<AuditEntry> append(Mutiny.Session session, AuditEntry entry) {
    if (session.currentTransaction() == null) {
      return Uni.createFrom()
          .failure(
              new IllegalStateException(
                  "AuditTrail.record must run in the transaction of the change it records"
                      + " (Panache.withTransaction or @WithTransaction)"));
    }
    return session
        .createNativeQuery(LOCK_CHAIN, Integer.class)
        .getSingleResult()
        .chain(locked -> session.createNativeQuery(LAST_HASH, String.class).getSingleResultOrNull())
        .chain(
            last -> {
              entry.link(last == null ? AuditEntry.GENESIS : last);
              return session.persist(entry);
            })
        // Insert now, while the lock is held, so that seq follows the chain's order.
        .call(session::flush)
        .replaceWith(entry);
  }

  /**
   * Recomputes every entry's hash and link, in seq order, reading {@value #VERIFY_BATCH} entries at
   * a time, and checks the chain against every signed checkpoint (outside the database and in it;
   * one whose signature fails is itself a break); names the first entry that fails.
   */
  public Uni<ChainVerification> verify() {
    return checkpoints
        .trusted(AuditCheckpoints.AUDIT_CHAIN)
        .chain(
            trusted -> {
              if (trusted.broken() != null) {
                return Uni.createFrom().item(trusted.broken());
              }
              var verifier = new ChainVerifier(trusted.valid());
              return readOnly(session -> verifyFrom(session, verifier, 0L));
            });
  }

  /** The newest entry, for the regulator to keep as an anchor. */
  public Uni<ChainHead> head() {
    return readOnly(
        session ->
            session
                .createQuery("from AuditEntry e order by e.seq desc", AuditEntry.class)
                .setMaxResults(1)
                .getSingleResultOrNull()
                .map(
                    newest ->
                        newest == null
                            ? new ChainHead(0, AuditEntry.GENESIS)
                            : new ChainHead(newest.getSeq(), newest.getHash())));
  }

  /**
   * The whole chain as {@link #verify()}, and then the anchor a regulator kept from {@link
   * #head()}: entry {@code anchor.seq()} must still be there with the same hash. A chain cut back
   * before the anchor still links up; only the anchor shows it.
   */
  public Uni<ChainVerification> verify(ChainHead anchor) {
    return verify()
        .chain(
            chain -> {
              if (!chain.intact() || anchor.seq() == 0) {
                return Uni.createFrom().item(chain);
              }
              return readOnly(
                  session ->
                      session
                          .createQuery("from AuditEntry e where e.seq = :seq", AuditEntry.class)
                          .setParameter("seq", anchor.seq())
                          .getSingleResultOrNull()
                          .map(
                              entry -> {
                                if (entry != null && anchor.hash().equals(entry.getHash())) {
                                  return chain;
                                }
                                return new ChainVerification(
                                    false,
                                    chain.entriesChecked(),
                                    anchor.seq(),
                                    entry == null
                                        ? "anchor entry "
                                            + anchor.seq()
                                            + " is gone: the newest entries were removed"
                                        : "anchor entry "
                                            + anchor.seq()
                                            + " no longer has the hash the regulator kept");
                              }));
            });
  }

  private Uni<ChainVerification> verifyFrom(
      Mutiny.Session session, ChainVerifier verifier, long afterSeq) {
    return session
        .createQuery("from AuditEntry e where e.seq > :after order by e.seq", AuditEntry.class)
        .setParameter("after", afterSeq)
        .setMaxResults(VERIFY_BATCH)
        .getResultList()
        .chain(
            batch -> {
              for (var entry : batch) {
                if (!verifier.accept(entry)) {
                  return Uni.createFrom().item(verifier.result());
                }
              }
              if (batch.size() < VERIFY_BATCH) {
                return Uni.createFrom().item(verifier.result());
              }
              // Checked entries are not needed again: keep memory bounded by one batch.
              session.clear();
              return verifyFrom(session, verifier, batch.get(batch.size() - 1).getSeq());
            });
  }

  /**
   * Up to {@code limit} entries with seq greater than {@code afterSeq} (all when null), oldest
   * first, that match {@code filter}. Page on by passing the last seq as the next {@code afterSeq}.
   */
  public Uni<List<AuditEntry>> page(Long afterSeq, int limit, AuditFilter filter) {
    var where = new StringBuilder("e.seq > :after");
    Map<String, Object> parameters = new HashMap<>();
    parameters.put("after", afterSeq == null ? 0L : afterSeq);
    var f = filter == null ? AuditFilter.none() : filter;
    condition(where, parameters, "e.entityType = :entityType", "entityType", f.entityType());
    condition(where, parameters, "e.entityId = :entityId", "entityId", f.entityId());
    condition(where, parameters, "e.actor = :actor", "actor", f.actor());
    condition(where, parameters, "e.trialId = :trialId", "trialId", f.trialId());
    condition(
        where,
        parameters,
        "e.participantCode = :participantCode",
        "participantCode",
        f.participantCode());
    condition(where, parameters, "e.occurredAt >= :from", "from", f.from());
    condition(where, parameters, "e.occurredAt < :to", "to", f.to());
    String query = "from AuditEntry e where " + where + " order by e.seq";
    return readOnly(
        session -> {
          var select = session.createQuery(query, AuditEntry.class).setMaxResults(limit);
          parameters.forEach(select::setParameter);
          return select.getResultList();
        });
  }

  /**
   * Runs {@code work} in a read-only session of its own, never the caller's: clearing it or reading
   * through it cannot disturb a transaction in progress. (Not a stateless session: entity queries
   * on one fail with "session is not an EventSource" in Hibernate Reactive 3.2.5.)
   */
  private <T> Uni<T> readOnly(Function<Mutiny.Session, Uni<T>> work) {
    return sessions
        .openSession()
        .chain(
            session -> {
              session.setDefaultReadOnly(true);
              return Uni.createFrom()
                  .deferred(() -> work.apply(session))
                  .eventually(session::close);
            });
  }

  private static void condition(
      StringBuilder where,
      Map<String, Object> parameters,
      String clause,
      String name,
      Object value) {
    if (value != null) {
      where.append(" and ").append(clause);
      parameters.put(name, value);
    }
  }
}

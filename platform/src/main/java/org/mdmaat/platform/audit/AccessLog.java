package org.mdmaat.platform.audit;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;
import org.mdmaat.platform.correlation.Correlation;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.problem.ProblemDetails;
import org.mdmaat.platform.problem.ServiceUnavailable;
import org.mdmaat.platform.security.Caller;

/**
 * The service's access log: who read the audit trail, an export or a person's identifying details,
 * what, when and why. A hash chain of its own ({@code access_log_entry}), append-only like the
 * audit trail and signed by the same checkpoints ({@link AuditCheckpoints#ACCESS_CHAIN}), but not
 * part of the change audit.
 *
 * <p>Fails closed: {@link #record} commits the entry in a transaction of its own before the read
 * happens; if it cannot, the returned Uni fails with a 503 problem and the read must not go on
 * (chain the read after it).
 */
@ApplicationScoped
public class AccessLog {
  /** The header a reader may give the reason for a read in. */
  public static final String REASON_HEADER = "X-Access-Reason";

  private static final Logger LOG = Logger.getLogger(AccessLog.class);
  // One lock for the access chain of this database ("MDMAACCS" in ASCII), apart from the audit's.
  private static final long CHAIN_LOCK = 0x4D444D4141434353L;
  private static final String LOCK_CHAIN =
      "select 1 from pg_advisory_xact_lock(" + CHAIN_LOCK + ")";
  private static final String LAST_HASH =
      "select hash from access_log_entry order by seq desc limit 1";

  private final Mutiny.SessionFactory sessions;
  private final Caller caller;
  private final AuditCheckpoints checkpoints;

  AccessLog(Mutiny.SessionFactory sessions, Caller caller, AuditCheckpoints checkpoints) {
    this.sessions = sessions;
    this.caller = caller;
    this.checkpoints = checkpoints;
  }

  /**
   * Logs that the current caller reads {@code resource} (an id, or the query of a list) of kind
   * {@code resourceKind}, for {@code reason} (blank: none given), and commits it. Fails with a 503
   * problem when the entry cannot be written: the read is then refused.
   */
  public Uni<Void> record(String resourceKind, String resource, String reason) {
    return Uni.createFrom()
        .deferred(
            () -> {
              var actor = caller.actor();
              var entry =
                  new AccessLogEntry(
                      UUID.randomUUID(),
                      Instant.now(),
                      actor.subject(),
                      caller.id(),
                      String.join(",", new TreeSet<>(actor.roles())),
                      resourceKind,
                      resource,
                      reason == null || reason.isBlank() ? null : reason.strip(),
                      Correlation.current());
              return sessions
                  .openSession()
                  .chain(
                      session ->
                          session
                              .withTransaction(tx -> append(session, entry))
                              .eventually(session::close));
            })
        .onFailure()
        .transform(
            e -> {
              LOG.errorf(e, "Access log entry for %s %s not written", resourceKind, resource);
              return new ServiceUnavailable(
                  ProblemDetails.platformCode(503),
                  "The read could not be written to the access log, so it is refused.");
            })
        .replaceWithVoid();
  }

  private Uni<AccessLogEntry> append(Mutiny.Session session, AccessLogEntry entry) {
    return session
        .createNativeQuery(LOCK_CHAIN, Integer.class)
        .getSingleResult()
        .chain(locked -> session.createNativeQuery(LAST_HASH, String.class).getSingleResultOrNull())
        .chain(
            last -> {
              entry.link(last == null ? AuditEntry.GENESIS : last);
              return session.persist(entry);
            })
        // Insert while the lock is held, so that seq follows the chain's order.
        .call(session::flush)
        .replaceWith(entry);
  }

  /** One page of the log, oldest first (page from 0), with the total. */
  public Uni<PageOf<AccessLogEntry>> page(int page, int size) {
    return readOnly(
        session ->
            session
                .createQuery("from AccessLogEntry e order by e.seq", AccessLogEntry.class)
                .setFirstResult(page * size)
                .setMaxResults(size)
                .getResultList()
                .chain(
                    items ->
                        session
                            .createQuery("select count(e) from AccessLogEntry e", Long.class)
                            .getSingleResult()
                            .map(total -> new PageOf<>(items, page, size, total))));
  }

  /** The newest entry, which the checkpoints sign. */
  public Uni<ChainHead> head() {
    return readOnly(
        session ->
            session
                .createQuery("from AccessLogEntry e order by e.seq desc", AccessLogEntry.class)
                .setMaxResults(1)
                .getSingleResultOrNull()
                .map(
                    newest ->
                        newest == null
                            ? new ChainHead(0, AuditEntry.GENESIS)
                            : new ChainHead(newest.getSeq(), newest.getHash())));
  }

  /**
   * Recomputes the access chain and checks it against every signed checkpoint of it, as {@link
   * AuditTrail#verify()} does for the audit chain.
   */
  public Uni<ChainVerification> verify() {
    return checkpoints
        .trusted(AuditCheckpoints.ACCESS_CHAIN)
        .chain(
            trusted -> {
              if (trusted.broken() != null) {
                return Uni.createFrom().item(trusted.broken());
              }
              var verifier = new ChainVerifier(trusted.valid());
              return readOnly(session -> verifyFrom(session, verifier, 0L));
            });
  }

  private Uni<ChainVerification> verifyFrom(
      Mutiny.Session session, ChainVerifier verifier, long afterSeq) {
    return session
        .createQuery(
            "from AccessLogEntry e where e.seq > :after order by e.seq", AccessLogEntry.class)
        .setParameter("after", afterSeq)
        .setMaxResults(AuditTrail.VERIFY_BATCH)
        .getResultList()
        .chain(
            batch -> {
              for (var entry : batch) {
                if (!verifier.accept(entry)) {
                  return Uni.createFrom().item(verifier.result());
                }
              }
              if (batch.size() < AuditTrail.VERIFY_BATCH) {
                return Uni.createFrom().item(verifier.result());
              }
              session.clear();
              return verifyFrom(session, verifier, batch.get(batch.size() - 1).getSeq());
            });
  }

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
}

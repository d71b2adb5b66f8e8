package org.mdmaat.platform.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Function;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * The {@code idempotency_key} table (migration {@code V1_0_5}). Each operation commits in a
 * transaction of its own, apart from the request's: a reservation is visible to a concurrent
 * request with the same key before the first one runs, and a stored answer outlives the request.
 */
@ApplicationScoped
public class IdempotencyKeys {
  private static final Logger LOG = Logger.getLogger(IdempotencyKeys.class);

  private static final String TAKE_OVER_EXPIRED =
      "delete from idempotency_key where subject = :subject and idempotency_key = :key"
          + " and expires_at <= now()";
  // The primary key makes one of two concurrent reservations win; the other waits for the
  // winner's commit and then inserts nothing.
  private static final String RESERVE =
      "insert into idempotency_key (subject, idempotency_key, fingerprint, method, path, state,"
          + " created_at, expires_at) values (:subject, :key, :fingerprint, :method, :path,"
          + " 'IN_FLIGHT', now(), :expires) on conflict do nothing";
  private static final String READ =
      "select json_build_object('fingerprint', fingerprint, 'method', method, 'path', path,"
          + " 'state', state, 'status', status, 'contentType', content_type, 'location', location,"
          + " 'body', body)::text from idempotency_key"
          + " where subject = :subject and idempotency_key = :key";
  private static final String COMPLETE =
      "update idempotency_key set state = 'DONE', status = :status, content_type = :contentType,"
          + " location = :location, body = :body, completed_at = now()"
          + " where subject = :subject and idempotency_key = :key and state = 'IN_FLIGHT'";
  private static final String RELEASE =
      "delete from idempotency_key where subject = :subject and idempotency_key = :key"
          + " and state = 'IN_FLIGHT'";
  private static final String PURGE = "delete from idempotency_key where expires_at <= now()";

  private final Mutiny.SessionFactory sessions;
  private final IdempotencyConfig config;
  private final ObjectMapper json;

  IdempotencyKeys(Mutiny.SessionFactory sessions, IdempotencyConfig config, ObjectMapper json) {
    this.sessions = sessions;
    this.config = config;
    this.json = json;
  }

  /**
   * Reserves {@code key} of {@code subject} for this request: null when reserved (the request may
   * run), else the row that holds the key (another request's, running or answered).
   */
  Uni<StoredAnswer> reserve(
      String subject, String key, String fingerprint, String method, String path) {
    var expires = OffsetDateTime.now(ZoneOffset.UTC).plus(config.ttl());
    return inTransaction(
        session ->
            session
                .createNativeQuery(TAKE_OVER_EXPIRED)
                .setParameter("subject", subject)
                .setParameter("key", key)
                .executeUpdate()
                .chain(
                    expired ->
                        session
                            .createNativeQuery(RESERVE)
                            .setParameter("subject", subject)
                            .setParameter("key", key)
                            .setParameter("fingerprint", fingerprint)
                            .setParameter("method", method)
                            .setParameter("path", path)
                            .setParameter("expires", expires)
                            .executeUpdate())
                .chain(
                    inserted ->
                        inserted == 1
                            ? Uni.createFrom().<StoredAnswer>nullItem()
                            : session
                                .createNativeQuery(READ, String.class)
                                .setParameter("subject", subject)
                                .setParameter("key", key)
                                .getSingleResult()
                                .map(this::parse)));
  }

  /** Stores the answer of the request that holds the reservation. */
  Uni<Void> complete(
      String subject, String key, int status, String contentType, String location, String body) {
    return inTransaction(
            session ->
                session
                    .createNativeQuery(COMPLETE)
                    .setParameter("subject", subject)
                    .setParameter("key", key)
                    .setParameter("status", status)
                    .setParameter("contentType", contentType)
                    .setParameter("location", location)
                    .setParameter("body", body)
                    .executeUpdate())
        .replaceWithVoid();
  }

  /** Gives the key back: the request's answer is not kept, so a retry runs it again. */
  Uni<Void> release(String subject, String key) {
    return inTransaction(
            session ->
                session
                    .createNativeQuery(RELEASE)
                    .setParameter("subject", subject)
                    .setParameter("key", key)
                    .executeUpdate())
        .replaceWithVoid();
  }

  /** Removes expired keys (a new request with an expired key also takes it over itself). */
  public Uni<Integer> purgeExpired() {
    return inTransaction(session -> session.createNativeQuery(PURGE).executeUpdate());
  }

  @Scheduled(
      identity = "platform-idempotency-purge",
      every = "${platform.idempotency.purge-interval:1h}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> purge() {
    return purgeExpired()
        .onFailure()
        .invoke(e -> LOG.warnf(e, "Expired idempotency keys not purged"))
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }

  private StoredAnswer parse(String row) {
    try {
      return json.readValue(row, StoredAnswer.class);
    } catch (Exception e) {
      throw new IllegalStateException("unreadable idempotency_key row", e);
    }
  }

  private <T> Uni<T> inTransaction(Function<Mutiny.Session, Uni<T>> work) {
    return sessions
        .openSession()
        .chain(
            session ->
                session.withTransaction(tx -> work.apply(session)).eventually(session::close));
  }
}

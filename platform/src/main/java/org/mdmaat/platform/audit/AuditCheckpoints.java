package org.mdmaat.platform.audit;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Signs the head of this service's audit chain every {@code platform.audit.checkpoint.interval} (at
 * most a minute) and at shutdown, with the {@link CheckpointSigner}, and keeps each checkpoint
 * twice: appended outside the database first ({@link CheckpointSink}), then in {@code
 * audit_checkpoint}. Verification ({@link AuditTrail#verify()}) checks the chain against all of
 * them, trusting only their signatures by the configured public key. The access log's head ({@link
 * AccessLog}) is signed the same way at each tick, as chain {@value #ACCESS_CHAIN}.
 */
@ApplicationScoped
public class AuditCheckpoints {
  /** The change audit chain ({@code audit_entry}). */
  public static final String AUDIT_CHAIN = "audit";

  /** The access log ({@code access_log_entry}), signed beside the audit chain. */
  public static final String ACCESS_CHAIN = "access";

  private static final Logger LOG = Logger.getLogger(AuditCheckpoints.class);

  private final AuditTrail audit;
  private final AccessLog accessLog;
  private final CheckpointSigner signer;
  private final CheckpointSink sink;
  private final Mutiny.SessionFactory sessions;
  private final Vertx vertx;
  private final String service;
  private final PublicKey publicKey;
  private volatile boolean failing;

  AuditCheckpoints(
      AuditTrail audit,
      AccessLog accessLog,
      CheckpointSigner signer,
      CheckpointSink sink,
      CheckpointConfig config,
      Mutiny.SessionFactory sessions,
      Vertx vertx,
      @ConfigProperty(name = "quarkus.application.name") String service) {
    if (!"off".equals(config.interval())) {
      var interval = DurationConverter.parseDuration(config.interval());
      if (interval == null || interval.compareTo(Duration.ofMinutes(1)) > 0) {
        throw new IllegalArgumentException(
            "platform.audit.checkpoint.interval must be at most 1m, not " + config.interval());
      }
    }
    this.audit = audit;
    this.accessLog = accessLog;
    this.signer = signer;
    this.sink = sink;
    this.sessions = sessions;
    this.vertx = vertx;
    this.service = service;
    this.publicKey = Checkpoints.publicKey(config.publicKeyFile());
  }

  /** The service whose chain this signs (the application's name, part of every signature). */
  public String service() {
    return service;
  }

  /** The key that verification trusts. */
  public PublicKey publicKey() {
    return publicKey;
  }

  @Scheduled(
      identity = "platform-audit-checkpoint",
      every = "${platform.audit.checkpoint.interval:1m}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> tick() {
    return checkpoint()
        .invoke(
            signed -> {
              if (failing) {
                failing = false;
                LOG.info("Audit checkpoints are signed again");
              }
            })
        .onFailure()
        .invoke(
            e -> {
              if (!failing) {
                failing = true;
                LOG.errorf(e, "Audit checkpoint could not be signed or kept");
              }
            })
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }

  void onStop(@Observes ShutdownEvent stop) {
    try {
      checkpoint().await().atMost(Duration.ofSeconds(10));
    } catch (RuntimeException e) {
      LOG.errorf(e, "The last audit checkpoint at shutdown could not be signed or kept");
    }
  }

  /**
   * Signs the current heads now, the audit chain's and then the access log's, and keeps each
   * checkpoint (sink, then table); answers the audit chain's.
   */
  public Uni<Checkpoint> checkpoint() {
    return checkpoint(AUDIT_CHAIN, audit::head)
        .call(ignored -> checkpoint(ACCESS_CHAIN, accessLog::head));
  }

  private Uni<Checkpoint> checkpoint(String chain, Supplier<Uni<ChainHead>> head) {
    // Hibernate Reactive on a Vert.x context of its own; the file write on a worker thread.
    Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
    VertxContextSafetyToggle.setContextSafe(context, true);
    Executor onContext = task -> context.runOnContext(ignored -> task.run());
    return Uni.createFrom()
        .deferred(head::get)
        .runSubscriptionOn(onContext)
        .map(signed -> sign(chain, signed))
        .emitOn(Infrastructure.getDefaultWorkerPool())
        .map(
            checkpoint -> {
              sink.append(checkpoint);
              return checkpoint;
            })
        .emitOn(onContext)
        .chain(this::store);
  }

  Checkpoint sign(String chain, ChainHead head) {
    var id = UUID.randomUUID();
    // Micros: what timestamptz keeps, so the stored row still matches its signature.
    var at = Instant.now().truncatedTo(ChronoUnit.MICROS);
    var keyId = signer.keyId();
    var payload = Checkpoint.payload(id, service, chain, head.seq(), head.hash(), at, keyId);
    var signature = Base64.getEncoder().encodeToString(signer.sign(payload));
    return new Checkpoint(id, service, chain, head.seq(), head.hash(), at, keyId, signature);
  }

  private Uni<Checkpoint> store(Checkpoint checkpoint) {
    return sessions.withTransaction(
        session ->
            session
                .createNativeQuery(
                    "insert into audit_checkpoint (id, service, chain, head_seq, head_hash,"
                        + " signed_at, key_id, signature) values"
                        + " (:id, :service, :chain, :seq, :hash, :at, :key, :signature)")
                .setParameter("id", checkpoint.id())
                .setParameter("service", checkpoint.service())
                .setParameter("chain", checkpoint.chain())
                .setParameter("seq", checkpoint.headSeq())
                .setParameter("hash", checkpoint.headHash())
                .setParameter("at", checkpoint.signedAt())
                .setParameter("key", checkpoint.keyId())
                .setParameter("signature", checkpoint.signature())
                .executeUpdate()
                .replaceWith(checkpoint));
  }

  /**
   * Every checkpoint of {@code chain} there is, outside the database and in it, for verification
   * (which trusts a checkpoint only for its signature).
   */
  Uni<List<Checkpoint>> all(String chain) {
    // The sink is a file: read it on a worker thread, then go on where the caller was (its
    // Hibernate Reactive session belongs to that context).
    Context caller = Vertx.currentContext();
    Executor back = caller == null ? Runnable::run : task -> caller.runOnContext(x -> task.run());
    return sessions
        .withSession(
            session ->
                session
                    .createNativeQuery(
                        "select id, service, chain, head_seq, head_hash, signed_at, key_id,"
                            + " signature from audit_checkpoint where chain = :chain",
                        Object[].class)
                    .setParameter("chain", chain)
                    .getResultList())
        .chain(
            rows ->
                Uni.createFrom()
                    .item(sink::readAll)
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                    .emitOn(back)
                    .map(outside -> merged(chain, outside, rows)));
  }

  private static List<Checkpoint> merged(
      String chain, List<Checkpoint> outside, List<Object[]> rows) {
    var all = new java.util.ArrayList<Checkpoint>();
    outside.stream().filter(c -> chain.equals(c.chain())).forEach(all::add);
    for (var row : rows) {
      all.add(
          new Checkpoint(
              (UUID) row[0],
              (String) row[1],
              (String) row[2],
              ((Number) row[3]).longValue(),
              (String) row[4],
              instant(row[5]),
              (String) row[6],
              (String) row[7]));
    }
    return all;
  }

  /**
   * The checkpoints of {@code chain} that verification may trust: every one, outside the database
   * and in it, must be signed by the configured key over its own contents and name this service;
   * the first that is not makes the chain broken (a checkpoint cannot be replaced or forged without
   * the key).
   */
  Uni<Trusted> trusted(String chain) {
    return all(chain)
        .map(
            all -> {
              var valid = new java.util.ArrayList<Checkpoint>();
              for (var checkpoint : all) {
                if (!service.equals(checkpoint.service())
                    || !Checkpoints.signedBy(checkpoint, publicKey)) {
                  return new Trusted(
                      valid,
                      new ChainVerification(
                          false,
                          0,
                          checkpoint.headSeq(),
                          "the checkpoint "
                              + checkpoint.id()
                              + " of entry "
                              + checkpoint.headSeq()
                              + " is not validly signed by this service's key "
                              + Checkpoints.keyId(publicKey)
                              + ": it was altered, replaced or forged",
                          0,
                          null));
                }
                valid.add(checkpoint);
              }
              return new Trusted(valid, null);
            });
  }

  /** Checkpoints with valid signatures, or the verification that a bad one makes broken. */
  record Trusted(List<Checkpoint> valid, ChainVerification broken) {}

  private static Instant instant(Object value) {
    if (value instanceof Instant instant) {
      return instant;
    }
    if (value instanceof java.time.OffsetDateTime time) {
      return time.toInstant();
    }
    if (value instanceof java.sql.Timestamp time) {
      return time.toInstant();
    }
    throw new IllegalStateException("signed_at came back as " + value.getClass());
  }
}

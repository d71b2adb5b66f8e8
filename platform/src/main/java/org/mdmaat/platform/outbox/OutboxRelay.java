package org.mdmaat.platform.outbox;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Sends committed outbox events to Kafka. Every tick it takes up to {@code
 * platform.outbox.batch-size} pending rows in seq order ({@code FOR UPDATE SKIP LOCKED}, so several
 * instances share the work without sending a row twice at the same time), sends each to its own
 * topic with its own key through the {@code outbox} channel, waits for the broker's
 * acknowledgements and marks the acknowledged rows published, all in one transaction.
 *
 * <p>The interval defaults to one second: Quarkus' scheduler checks its triggers once a second, so
 * shorter intervals are not honoured (and warned about at start-up).
 *
 * <p>Only the leading run of acknowledged rows is marked: after a failed send, that row and those
 * after it stay pending and are sent again on the next tick, in order. While Kafka is down nothing
 * is marked and nothing is lost. Delivery is at least once: consumers deduplicate on the event id.
 * While an earlier batch is still in the Kafka producer's hands (neither acknowledged nor failed,
 * e.g. during an outage), ticks do not hand it the same rows again, so an outage does not pile up
 * copies to be delivered when Kafka returns.
 */
@ApplicationScoped
public class OutboxRelay {
  /** Kafka header carrying the event id. */
  public static final String ID_HEADER = "ce_id";

  /** Kafka header carrying the event type. */
  public static final String TYPE_HEADER = "ce_type";

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
  // Past this, sends that never settled are given up on and their rows offered again (the Kafka
  // producer settles every send within its delivery.timeout.ms, 2 minutes by default).
  private static final Duration UNSETTLED_PATIENCE = Duration.ofMinutes(3);

  private final Mutiny.SessionFactory sessions;
  private final Vertx vertx;
  private final int batchSize;
  private final Duration sendTimeout;
  private volatile boolean failing;
  // Sends handed to Kafka and not yet acknowledged or failed, and when the last batch started.
  private final AtomicInteger unsettled = new AtomicInteger();
  private volatile long lastBatchNanos = System.nanoTime();

  @Inject
  @Channel("outbox")
  MutinyEmitter<String> kafka;

  OutboxRelay(
      Mutiny.SessionFactory sessions,
      Vertx vertx,
      @ConfigProperty(name = "platform.outbox.batch-size", defaultValue = "100") int batchSize,
      @ConfigProperty(name = "platform.outbox.send-timeout", defaultValue = "10s")
          Duration sendTimeout) {
    this.sessions = sessions;
    this.vertx = vertx;
    this.batchSize = batchSize;
    this.sendTimeout = sendTimeout;
  }

  @Scheduled(
      identity = "platform-outbox-relay",
      every = "${platform.outbox.interval:1s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      // Not before messaging is wired at start-up, nor while the pools close at shutdown.
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  Uni<Void> tick() {
    return relayPending()
        .invoke(
            sent -> {
              if (failing) {
                failing = false;
                LOG.info("Outbox relay is sending again");
              }
            })
        .onFailure()
        .invoke(
            e -> {
              // Once per outage, not on every tick.
              if (!failing) {
                failing = true;
                LOG.warnf(
                    "Outbox relay cannot send (%s); pending events wait for the next tick",
                    e.toString());
              }
            })
        .onFailure()
        .recoverWithNull()
        .replaceWithVoid();
  }

  /**
   * Relays one batch of pending events now and returns how many were published. May be called from
   * any thread (tests, operations); ticks call it on their own.
   */
  public Uni<Integer> relayPending() {
    if (unsettled.get() > 0 && System.nanoTime() - lastBatchNanos < UNSETTLED_PATIENCE.toNanos()) {
      LOG.debugf("Outbox relay waits: %d earlier sends are still unsettled", unsettled.get());
      return Uni.createFrom().item(0);
    }
    return onVertxContext(
        () ->
            sessions.withTransaction(
                session ->
                    session
                        .createNativeQuery(
                            "select * from outbox_event where published_at is null order by seq"
                                + " limit "
                                + batchSize
                                + " for update skip locked",
                            OutboxEvent.class)
                        .getResultList()
                        .chain(pending -> relay(session, pending))));
  }

  private Uni<Integer> relay(Mutiny.Session session, List<OutboxEvent> pending) {
    if (pending.isEmpty()) {
      return Uni.createFrom().item(0);
    }
    lastBatchNanos = System.nanoTime();
    // Subscribed in list order, so Kafka receives the rows in seq order.
    List<Uni<Boolean>> acks = pending.stream().map(this::send).toList();
    return Uni.join()
        .all(acks)
        .andFailFast()
        .chain(
            acked -> {
              int sent = 0;
              while (sent < acked.size() && acked.get(sent)) {
                sent++;
              }
              if (sent == 0) {
                return Uni.createFrom()
                    .failure(
                        new IllegalStateException(
                            "Kafka acknowledged none of " + pending.size() + " events"));
              }
              List<Long> published =
                  pending.subList(0, sent).stream().map(OutboxEvent::getSeq).toList();
              return session
                  .createMutationQuery(
                      "update OutboxEvent e set e.publishedAt = :now where e.seq in :published")
                  .setParameter("now", Instant.now().truncatedTo(ChronoUnit.MICROS))
                  .setParameter("published", published)
                  .executeUpdate();
            });
  }

  private Uni<Boolean> send(OutboxEvent event) {
    var headers =
        new RecordHeaders()
            .add(ID_HEADER, event.getId().toString().getBytes(StandardCharsets.UTF_8))
            .add(TYPE_HEADER, event.getType().getBytes(StandardCharsets.UTF_8));
    var metadata =
        OutgoingKafkaRecordMetadata.<String>builder()
            .withTopic(event.getTopic())
            .withKey(event.getMessageKey())
            .withHeaders(headers)
            .build();
    // Settled when Kafka acknowledges or fails the record, even after this relay stopped waiting.
    var settled = new AtomicBoolean();
    Runnable settle =
        () -> {
          if (settled.compareAndSet(false, true)) {
            unsettled.decrementAndGet();
          }
        };
    Message<String> message =
        Message.of(
            event.getPayload(),
            Metadata.of(metadata),
            () -> {
              settle.run();
              return CompletableFuture.completedFuture(null);
            },
            failure -> {
              settle.run();
              return CompletableFuture.completedFuture(null);
            });
    return Uni.createFrom()
        .deferred(
            () -> {
              unsettled.incrementAndGet();
              return kafka.sendMessage(message);
            })
        .ifNoItem()
        .after(sendTimeout)
        .fail()
        .replaceWith(true)
        .onFailure()
        .recoverWithItem(
            e -> {
              LOG.debugf(
                  "Outbox event %s to %s not acknowledged: %s", event.getId(), event.getTopic(), e);
              return false;
            });
  }

  // Hibernate Reactive needs a (safe, duplicated) Vert.x context; callers outside one get a new
  // one.
  private <T> Uni<T> onVertxContext(Supplier<Uni<T>> work) {
    Context current = Vertx.currentContext();
    if (current != null && VertxContext.isDuplicatedContext(current)) {
      return Uni.createFrom().deferred(work::get);
    }
    Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
    VertxContextSafetyToggle.setContextSafe(context, true);
    return Uni.createFrom()
        .deferred(work::get)
        .runSubscriptionOn(task -> context.runOnContext(x -> task.run()));
  }
}

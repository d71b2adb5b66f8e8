package org.mdmaat.platform.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
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
import java.util.Locale;
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
import org.mdmaat.platform.inbox.Inbox;

/**
 * Sends committed outbox events to Kafka. Every tick it takes up to {@code
 * platform.outbox.batch-size} pending rows in seq order ({@code FOR UPDATE SKIP LOCKED}, so several
 * instances share the work without sending a row twice at the same time), sends each to its own
 * topic with its own key through the {@code outbox} channel, waits for the broker's
 * acknowledgements and marks the acknowledged rows published, all in one transaction.
 *
 * <p>One relay is active per database at a time: each tick's transaction first takes a
 * transaction-scoped PostgreSQL advisory lock ({@code pg_try_advisory_xact_lock}); a replica that
 * does not get it does nothing that tick. So several replicas never send batches side by side, and
 * one participant's events reach Kafka in the order they were written.
 *
 * <p>Each record carries the CloudEvents Kafka binding's headers ({@code ce_specversion}, {@code
 * ce_id}, {@code ce_source}, {@code ce_type}, {@code ce_time}, {@code content-type}, and the
 * extension {@code ce_correlationid}) beside the envelope, and the W3C {@code traceparent}/{@code
 * tracestate} of a publish span that continues the trace stored with the row.
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

  /** CloudEvents version of the headers ({@value #SPEC_VERSION}). */
  public static final String SPEC_VERSION_HEADER = "ce_specversion";

  public static final String SPEC_VERSION = "1.0";

  /** The service that wrote the event (the envelope's {@code source}). */
  public static final String SOURCE_HEADER = "ce_source";

  /** When the event happened (the envelope's {@code time}, RFC 3339 UTC). */
  public static final String TIME_HEADER = "ce_time";

  /** CloudEvents extension attribute: the request's correlation id, when it has one. */
  public static final String CORRELATION_HEADER = "ce_correlationid";

  /** The record value's media type (the binding's {@code datacontenttype}). */
  public static final String CONTENT_TYPE_HEADER = "content-type";

  /** W3C trace context headers of the record. */
  public static final String TRACEPARENT_HEADER = TraceContext.TRACEPARENT;

  public static final String TRACESTATE_HEADER = TraceContext.TRACESTATE;

  /** Pending (unpublished) outbox rows, as of the last tick. */
  static final String PENDING = "mdmaat.outbox.pending";

  /** Age of the oldest pending row, in seconds (0 with none). */
  static final String OLDEST_AGE = "mdmaat.outbox.oldest.pending.age";

  // The relay's lease, per database: one relay sends at a time (a distinct key from the audit
  // chain's and the access log's locks).
  static final long RELAY_LOCK = 0x4D444D414F555458L;
  private static final String TRY_LEASE = "select pg_try_advisory_xact_lock(" + RELAY_LOCK + ")";

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
  // Past this, sends that never settled are given up on and their rows offered again (the Kafka
  // producer settles every send within its delivery.timeout.ms, 2 minutes by default).
  private static final Duration UNSETTLED_PATIENCE = Duration.ofMinutes(3);

  private final Mutiny.SessionFactory sessions;
  private final Vertx vertx;
  private final int batchSize;
  private final Duration sendTimeout;
  private final ObjectMapper json;
  private final Tracer tracer;
  private volatile boolean failing;
  // The backlog as of the last tick (the gauges read these).
  private volatile long pendingRows;
  private volatile Instant oldestPending;
  // Sends handed to Kafka and not yet acknowledged or failed, and when the last batch started.
  private final AtomicInteger unsettled = new AtomicInteger();
  private volatile long lastBatchNanos = System.nanoTime();

  @Inject
  @Channel("outbox")
  MutinyEmitter<String> kafka;

  OutboxRelay(
      Mutiny.SessionFactory sessions,
      Vertx vertx,
      ObjectMapper json,
      Tracer tracer,
      MeterRegistry meters,
      @ConfigProperty(name = "platform.outbox.batch-size", defaultValue = "100") int batchSize,
      @ConfigProperty(name = "platform.outbox.send-timeout", defaultValue = "10s")
          Duration sendTimeout) {
    this.sessions = sessions;
    this.vertx = vertx;
    this.json = json;
    this.tracer = tracer;
    this.batchSize = batchSize;
    this.sendTimeout = sendTimeout;
    Gauge.builder(PENDING, this, relay -> relay.pendingRows)
        .description("Outbox rows written and not yet acknowledged by Kafka")
        .baseUnit("rows")
        .register(meters);
    Gauge.builder(OLDEST_AGE, this, OutboxRelay::oldestPendingAgeSeconds)
        .description("How long the oldest unpublished outbox row has waited")
        .baseUnit("seconds")
        .register(meters);
  }

  private double oldestPendingAgeSeconds() {
    Instant oldest = oldestPending;
    return oldest == null
        ? 0
        : Math.max(0, Duration.between(oldest, Instant.now()).toMillis()) / 1000.0;
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
        // Also while Kafka is down, when the backlog matters most.
        .chain(() -> measureBacklog().onFailure().recoverWithNull())
        .replaceWithVoid();
  }

  /**
   * Reads the backlog for the gauges: every replica does, the lease holder or not, so each one's
   * scrape shows the database's backlog.
   */
  Uni<Void> measureBacklog() {
    return onVertxContext(
        () ->
            sessions.withSession(
                session ->
                    session
                        .createNativeQuery(
                            "select count(*), min(created_at) from outbox_event"
                                + " where published_at is null",
                            Object[].class)
                        .getSingleResult()
                        .invoke(
                            row -> {
                              pendingRows = ((Number) row[0]).longValue();
                              oldestPending = toInstant(row[1]);
                            })
                        .replaceWithVoid()));
  }

  private static Instant toInstant(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Instant instant) {
      return instant;
    }
    if (value instanceof java.time.OffsetDateTime offset) {
      return offset.toInstant();
    }
    if (value instanceof java.sql.Timestamp timestamp) {
      return timestamp.toInstant();
    }
    if (value instanceof java.time.LocalDateTime local) {
      return local.toInstant(java.time.ZoneOffset.UTC);
    }
    throw new IllegalStateException("unexpected timestamp type " + value.getClass());
  }

  /**
   * Relays one batch of pending events now and returns how many were published: 0 also when another
   * relay holds the lease. May be called from any thread (tests, operations); ticks call it on
   * their own.
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
                        .createNativeQuery(TRY_LEASE, Boolean.class)
                        .getSingleResult()
                        .chain(
                            leased ->
                                Boolean.TRUE.equals(leased)
                                    ? session
                                        .createNativeQuery(
                                            "select * from outbox_event where published_at is null"
                                                + " order by seq limit "
                                                + batchSize
                                                + " for update skip locked",
                                            OutboxEvent.class)
                                        .getResultList()
                                        .chain(pending -> relay(session, pending))
                                    : Uni.createFrom().item(0))));
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
    var headers = new RecordHeaders();
    header(headers, SPEC_VERSION_HEADER, SPEC_VERSION);
    header(headers, ID_HEADER, event.getId().toString());
    header(headers, TYPE_HEADER, event.getType());
    header(headers, CONTENT_TYPE_HEADER, "application/json");
    JsonNode envelope = envelope(event);
    header(headers, SOURCE_HEADER, text(envelope, "source"));
    header(headers, TIME_HEADER, text(envelope, "time"));
    header(headers, CORRELATION_HEADER, text(envelope, "correlationId"));
    // A publish span in the trace of the request that wrote the row; its context goes in the
    // headers, where the consumer's Kafka instrumentation picks it up. Rows written outside a
    // trace start none.
    Span span = publishSpan(event, text(envelope, "correlationId"));
    TraceContext.headersOf(io.opentelemetry.context.Context.root().with(span))
        .forEach((name, value) -> header(headers, name, value));
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
            span.end();
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

  private Span publishSpan(OutboxEvent event, String correlationId) {
    var parent = TraceContext.parse(event.getTraceParent(), event.getTraceState());
    if (!Span.fromContext(parent).getSpanContext().isValid()) {
      return Span.getInvalid();
    }
    return tracer
        .spanBuilder(event.getTopic() + " publish")
        .setParent(parent)
        .setSpanKind(SpanKind.PRODUCER)
        .setAttribute("messaging.system", "kafka")
        .setAttribute("messaging.operation.type", "send")
        .setAttribute("messaging.destination.name", event.getTopic())
        .setAttribute("messaging.message.id", event.getId().toString())
        .setAttribute(Inbox.CORRELATION_ATTRIBUTE, correlationId == null ? "" : correlationId)
        .startSpan();
  }

  private JsonNode envelope(OutboxEvent event) {
    try {
      return json.readTree(event.getPayload());
    } catch (Exception e) {
      // Outbox.publish wrote it from an EventEnvelope: this cannot happen short of a hand edit.
      LOG.warnf("Outbox event %s has no readable envelope: %s", event.getId(), e.toString());
      return json.createObjectNode();
    }
  }

  private static String text(JsonNode envelope, String field) {
    JsonNode value = envelope.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static void header(RecordHeaders headers, String name, String value) {
    if (value != null) {
      headers.add(name.toLowerCase(Locale.ROOT), value.getBytes(StandardCharsets.UTF_8));
    }
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

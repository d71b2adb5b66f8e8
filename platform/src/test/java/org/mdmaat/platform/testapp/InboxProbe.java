package org.mdmaat.platform.testapp;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;
import org.mdmaat.platform.inbox.Inbox;
import org.mdmaat.platform.outbox.Outbox;

/**
 * A consumer written the way the README tells services to: parse, then process once in one
 * transaction with the effect. The effect inserts into {@code test_effect}, which has no unique
 * key, so an event applied twice would show as two rows.
 */
@Path("/inbox-probe")
@PermitAll
public class InboxProbe {
  static final String CONSUMER = "platform-test.inbox";

  private final Inbox inbox;
  private final Outbox outbox;
  private final AuditTrail audit;

  InboxProbe(Inbox inbox, Outbox outbox, AuditTrail audit) {
    this.inbox = inbox;
    this.outbox = outbox;
    this.audit = audit;
  }

  /**
   * Announces an event on this probe's own topic through the outbox, as a service announces a
   * change: the consumer below applies it. Answers the event's id.
   */
  @POST
  @Path("/announce")
  @WithTransaction
  public Uni<UUID> announce() {
    var event =
        EventEnvelope.of(
            "ProbeAnnounced",
            "platform-test",
            "MAPP-TEST",
            "P-ANNOUNCE",
            com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
    return outbox.publish(TOPIC, event.participantCode(), event).replaceWith(event.id());
  }

  /** This probe's topic, written by "platform-test" (its first segment). */
  static final String TOPIC = "platform-test.inbox";

  /** Attempts at each event's effect over Kafka (retries included). */
  private static final Map<UUID, AtomicInteger> ATTEMPTS = new ConcurrentHashMap<>();

  @Incoming("inbox-test")
  public Uni<Void> on(String payload) {
    EventEnvelope event = inbox.parse(payload, TOPIC);
    return inbox
        .applyOnce(CONSUMER, TOPIC, event, () -> faultyThenApply(event).call(() -> audited(event)))
        .replaceWithVoid();
  }

  /** The consumer's own audit entry of applying the event (entity: the event id). */
  private Uni<Void> audited(EventEnvelope event) {
    return audit
        .record(
            new AuditEvent(
                Actor.system("platform-test"),
                "ProbeEvent",
                event.id().toString(),
                "APPLY",
                null,
                null,
                null,
                event.trialId(),
                event.participantCode()))
        .replaceWithVoid();
  }

  /**
   * An event whose data says {@code "dropConnection": n} loses its database connection in its first
   * n attempts, as in a failover: the effect's own connection is terminated by PostgreSQL after the
   * effect's insert. {@code "invalid": true} is data no retry can fix.
   */
  private static Uni<Void> faultyThenApply(EventEnvelope event) {
    int attempt = ATTEMPTS.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet();
    if (event.data().path("invalid").asBoolean(false)) {
      return Uni.createFrom()
          .failure(new IllegalArgumentException("event " + event.id() + " has invalid data"));
    }
    var applied = apply(CONSUMER, event);
    if (attempt > event.data().path("dropConnection").asInt(0)) {
      return applied;
    }
    return applied.chain(
        () ->
            Panache.getSession()
                .chain(
                    session ->
                        session
                            .createNativeQuery("select pg_terminate_backend(pg_backend_pid())")
                            .getSingleResult())
                .replaceWithVoid());
  }

  @GET
  @Path("/attempts/{eventId}")
  public int attempts(@PathParam("eventId") UUID eventId) {
    var attempts = ATTEMPTS.get(eventId);
    return attempts == null ? 0 : attempts.get();
  }

  @POST
  @Path("/{consumer}")
  @Consumes(MediaType.TEXT_PLAIN)
  @WithTransaction
  public Uni<Boolean> process(@PathParam("consumer") String consumer, String payload) {
    var event = inbox.parse(payload, TOPIC);
    return inbox.processOnce(consumer, event, () -> apply(consumer, event));
  }

  @GET
  @Path("/{consumer}/{eventId}")
  @WithSession
  public Uni<Long> effects(
      @PathParam("consumer") String consumer, @PathParam("eventId") UUID eventId) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "select count(*) from test_effect where consumer = :consumer and event_id ="
                            + " :eventId",
                        Long.class)
                    .setParameter("consumer", consumer)
                    .setParameter("eventId", eventId)
                    .getSingleResult());
  }

  private static Uni<Void> apply(String consumer, EventEnvelope event) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "insert into test_effect (consumer, event_id, type) values (:consumer,"
                            + " :eventId, :type)")
                    .setParameter("consumer", consumer)
                    .setParameter("eventId", event.id())
                    .setParameter("type", event.type())
                    .executeUpdate())
        .replaceWithVoid();
  }
}

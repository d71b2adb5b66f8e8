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
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.platform.inbox.Inbox;

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

  InboxProbe(Inbox inbox) {
    this.inbox = inbox;
  }

  /** This probe's topic, written by "platform-test" (its first segment). */
  static final String TOPIC = "platform-test.inbox";

  @Incoming("inbox-test")
  public Uni<Void> on(String payload) {
    EventEnvelope event = inbox.parse(payload, TOPIC);
    return Panache.withTransaction(
            () -> inbox.processOnce(CONSUMER, event, () -> apply(CONSUMER, event)))
        .replaceWithVoid();
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

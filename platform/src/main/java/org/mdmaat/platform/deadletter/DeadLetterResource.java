package org.mdmaat.platform.deadletter;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import java.util.function.Supplier;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;
import org.mdmaat.platform.reactive.CallerContext;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;

/**
 * The operator's view of this service's dead letters and their audited replay (deploy/README.md,
 * "Dead letters"). Under the service's REST root, e.g. {@code /api/safety/admin/dead-letters}.
 */
@Path("/admin/dead-letters")
@RolesAllowed(Roles.PLATFORM_OPERATOR)
public class DeadLetterResource {
  static final String ENTITY_TYPE = "DeadLetterRedrive";
  static final String ACTION = "REDRIVE";

  private final DeadLetters deadLetters;
  private final AuditTrail audit;
  private final Caller caller;

  DeadLetterResource(DeadLetters deadLetters, AuditTrail audit, Caller caller) {
    this.deadLetters = deadLetters;
    this.audit = audit;
    this.caller = caller;
  }

  /** Every dead-letter topic of this service's topics, with how many records each holds. */
  @GET
  public Uni<List<DeadLetterTopic>> list() {
    return blocking(deadLetters::list);
  }

  @GET
  @Path("/{topic}")
  public Uni<DeadLetterTopic> get(@PathParam("topic") String topic) {
    return blocking(() -> deadLetters.describe(topic));
  }

  /**
   * Replays the records of {@code <topic>.dlq} not replayed before onto {@code topic}, then writes
   * the audit entry (who, topic, how many, the event ids, why), then remembers them as replayed.
   */
  @POST
  @Path("/{topic}/redrive")
  public Uni<Redrive> redrive(
      @PathParam("topic") String topic, @Valid @NotNull RedriveRequest request) {
    var actor = caller.actor();
    int limit = request.limit() == null ? DeadLetters.DEFAULT_LIMIT : request.limit();
    return blocking(() -> deadLetters.replay(topic, limit))
        .call(
            replayed ->
                Panache.withTransaction(
                    () ->
                        audit.record(
                            new AuditEvent(
                                actor,
                                ENTITY_TYPE,
                                topic,
                                ACTION,
                                null,
                                replayed.redrive(),
                                request.reason().strip(),
                                null,
                                null))))
        .call(replayed -> blocking(() -> remember(replayed)))
        .map(DeadLetters.Replayed::redrive);
  }

  private Void remember(DeadLetters.Replayed replayed) {
    deadLetters.remember(replayed.next());
    return null;
  }

  /** Kafka's clients block: run on a worker, answer on the request's context. */
  private static <T> Uni<T> blocking(Supplier<T> work) {
    return CallerContext.resumeOn(
        Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
  }
}

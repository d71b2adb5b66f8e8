package org.mdmaat.platform.testapp;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.platform.outbox.Outbox;

/** Endpoints that fail: invalid input, an unexpected error, the outbox misused. */
@Path("/probe")
@PermitAll
public class ProbeResource {
  private final Outbox outbox;

  ProbeResource(Outbox outbox) {
    this.outbox = outbox;
  }

  @POST
  @Path("/echo")
  @Consumes(MediaType.APPLICATION_JSON)
  public SpecimenRequest echo(@Valid @NotNull SpecimenRequest request) {
    return request;
  }

  @GET
  @Path("/boom")
  public String boom() {
    throw new IllegalStateException("org.mdmaat.secret.LedgerDao failed: password=hunter2");
  }

  /** Publishing outside a transaction is a programming error the outbox must refuse. */
  @POST
  @Path("/outbox-without-transaction")
  @WithSession
  public Uni<Void> outboxWithoutTransaction() {
    var event =
        EventEnvelope.of(
            "Stray",
            "platform-test",
            null,
            null,
            com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
    return outbox.publish(SpecimenResource.TOPIC, "stray", event);
  }
}

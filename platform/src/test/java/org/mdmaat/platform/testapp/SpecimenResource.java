package org.mdmaat.platform.testapp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;
import org.mdmaat.platform.outbox.Outbox;
import org.mdmaat.platform.problem.Conflict;
import org.mdmaat.platform.problem.NotFound;
import org.mdmaat.platform.problem.RuleViolation;
import org.mdmaat.platform.problem.Violation;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;

/**
 * A service-like resource: each change writes the record, its audit entry and its event in one
 * transaction, the way the services do.
 */
@Path("/specimens")
public class SpecimenResource {
  static final String TOPIC = "platform-test.specimens";
  static final Map<String, Set<String>> TRANSITIONS =
      Map.of(
          "RECEIVED",
          Set.of("STORED", "DISPOSED"),
          "STORED",
          Set.of("DISPOSED"),
          "DISPOSED",
          Set.of());

  private final AuditTrail audit;
  private final Outbox outbox;
  private final Caller caller;
  private final ObjectMapper json;

  SpecimenResource(AuditTrail audit, Outbox outbox, Caller caller, ObjectMapper json) {
    this.audit = audit;
    this.outbox = outbox;
    this.caller = caller;
    this.json = json;
  }

  @POST
  @RolesAllowed(Roles.SITE_COORDINATOR)
  @ResponseStatus(201)
  @WithTransaction
  public Uni<SpecimenView> create(@Valid @NotNull SpecimenRequest request) {
    caller.requireSite(request.siteCode());
    return write(request);
  }

  /** Writes everything, then breaks a rule: nothing of it may remain. */
  @POST
  @Path("/half-written")
  @RolesAllowed(Roles.SITE_COORDINATOR)
  @WithTransaction
  public Uni<SpecimenView> createThenFail(@Valid @NotNull SpecimenRequest request) {
    return write(request)
        .chain(
            written ->
                Uni.createFrom()
                    .failure(
                        new RuleViolation(
                            "TEST-0422",
                            "Dose is above the site's limit.",
                            java.util.List.of(
                                new Violation("dose", "must be at most 100 at this site")))));
  }

  /** Created with a Location header (an idempotent replay answers it too). */
  @POST
  @Path("/registered")
  @RolesAllowed(Roles.SITE_COORDINATOR)
  @WithTransaction
  public Uni<Response> register(@Valid @NotNull SpecimenRequest request) {
    caller.requireSite(request.siteCode());
    return write(request)
        .map(view -> Response.created(URI.create(view.id().toString())).entity(view).build());
  }

  /** Fails with a 500 after writing (rolled back) the first time a name is sent, then works. */
  @POST
  @Path("/flaky")
  @RolesAllowed(Roles.SITE_COORDINATOR)
  @ResponseStatus(201)
  @WithTransaction
  public Uni<SpecimenView> flaky(@Valid @NotNull SpecimenRequest request) {
    return write(request)
        .invoke(
            written -> {
              if (FAILED_ONCE.add(request.name())) {
                throw new IllegalStateException("flaky on its first call");
              }
            });
  }

  private static final Set<String> FAILED_ONCE = ConcurrentHashMap.newKeySet();

  private Uni<SpecimenView> write(SpecimenRequest request) {
    var specimen = new Specimen();
    specimen.id = UUID.randomUUID();
    specimen.name = request.name();
    specimen.siteCode = request.siteCode();
    specimen.dose = request.dose();
    specimen.status = "RECEIVED";
    var view = SpecimenView.of(specimen);
    var event =
        EventEnvelope.of(
            "SpecimenReceived",
            "platform-test",
            "MAPP-TEST",
            specimen.name,
            json.valueToTree(view));
    return specimen
        .<Specimen>persist()
        .call(
            () ->
                audit.record(
                    new AuditEvent(
                        caller.actor(),
                        "Specimen",
                        specimen.id.toString(),
                        "CREATE",
                        null,
                        view,
                        null,
                        "MAPP-TEST",
                        specimen.name)))
        .call(() -> outbox.publish(TOPIC, specimen.name, event))
        .replaceWith(view);
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({Roles.SITE_COORDINATOR, Roles.INVESTIGATOR})
  @WithSession
  public Uni<SpecimenView> get(@PathParam("id") UUID id) {
    return Specimen.<Specimen>findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> new NotFound("TEST-0404", "No specimen " + id))
        .invoke(specimen -> caller.requireSite(specimen.siteCode))
        .map(SpecimenView::of);
  }

  @POST
  @Path("/{id}/status/{status}")
  @RolesAllowed(Roles.SITE_COORDINATOR)
  @WithTransaction
  public Uni<SpecimenView> transition(
      @PathParam("id") UUID id, @PathParam("status") String status) {
    return Specimen.<Specimen>findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> new NotFound("TEST-0404", "No specimen " + id))
        .invoke(specimen -> caller.requireSite(specimen.siteCode))
        .chain(
            specimen -> {
              if (!TRANSITIONS.getOrDefault(specimen.status, Set.of()).contains(status)) {
                return Uni.createFrom()
                    .failure(
                        new Conflict(
                            "TEST-0409",
                            "A " + specimen.status + " specimen cannot become " + status + "."));
              }
              var before = SpecimenView.of(specimen);
              specimen.status = status;
              var after = SpecimenView.of(specimen);
              return audit
                  .record(
                      new AuditEvent(
                          caller.actor(),
                          "Specimen",
                          specimen.id.toString(),
                          "TRANSITION",
                          before,
                          after,
                          "moved by test",
                          "MAPP-TEST",
                          specimen.name))
                  .replaceWith(after);
            });
  }

  /** How many specimens have this name (tests check that a failed write left none). */
  @GET
  @Path("/count/{name}")
  @PermitAll
  @WithSession
  public Uni<Long> count(@PathParam("name") String name) {
    return Specimen.count("name", name);
  }
}

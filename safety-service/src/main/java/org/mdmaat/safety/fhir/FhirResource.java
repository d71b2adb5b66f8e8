package org.mdmaat.safety.fhir;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Date;
import java.util.function.Supplier;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.mdmaat.platform.fhir.ProblemOutcomes;
import org.mdmaat.platform.problem.Problem;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;

/**
 * The FHIR R4 endpoint of safety-service ({@code /api/safety/fhir/r4}; the gateway serves it as
 * {@code /fhir/r4}): device Bundles of vital signs in, vital-sign Observations out, and the
 * CapabilityStatement. Bodies are {@code application/fhir+json}, parsed and written by HAPI; the
 * service's refusals are OperationOutcomes carrying the problem code (a missing or unfit token is
 * still the platform's problem+json 401/403).
 */
@Path("/fhir/r4")
@Produces({Fhir.MEDIA_TYPE, MediaType.APPLICATION_JSON})
public class FhirResource {
  /** The platform's FHIR base path, at the gateway. */
  static final String PUBLIC_BASE = "/fhir/r4";

  private static final Date STARTED = new Date();

  private final Fhir fhir;
  private final DeviceBundles bundles;
  private final ObservationReads observations;
  private final AdverseEvents adverseEvents;
  private final Caller caller;

  @Context UriInfo uri;

  FhirResource(
      Fhir fhir,
      DeviceBundles bundles,
      ObservationReads observations,
      AdverseEvents adverseEvents,
      Caller caller) {
    this.fhir = fhir;
    this.bundles = bundles;
    this.observations = observations;
    this.adverseEvents = adverseEvents;
    this.caller = caller;
  }

  @GET
  @Path("metadata")
  @PermitAll
  public Response metadata() {
    return answer(200, Capability.statement(STARTED));
  }

  /** Staff, or a monitor's own client (device role), for participants of their sites. */
  @POST
  @Consumes({Fhir.MEDIA_TYPE, MediaType.APPLICATION_JSON})
  @RolesAllowed({Roles.INVESTIGATOR, Roles.THERAPIST, Roles.DEVICE})
  public Uni<Response> bundle(String body) {
    var scope = caller.scope();
    return answering(() -> bundles.take(body, scope).map(a -> answer(a.status(), a.bundle())));
  }

  @GET
  @Path("Observation")
  @RolesAllowed({Roles.INVESTIGATOR, Roles.THERAPIST, Roles.SITE_COORDINATOR})
  public Uni<Response> search() {
    var scope = caller.scope();
    var base = base();
    var query = uri.getRequestUri().getRawQuery();
    var params = uri.getQueryParameters();
    return answering(
        () ->
            observations
                .search(ObservationSearch.of(params), scope, base, query == null ? "" : query)
                .map(b -> answer(200, b)));
  }

  @GET
  @Path("Observation/{id}")
  @RolesAllowed({Roles.INVESTIGATOR, Roles.THERAPIST, Roles.SITE_COORDINATOR})
  public Uni<Response> read(@PathParam("id") String id) {
    var scope = caller.scope();
    return answering(() -> observations.read(id, scope).map(o -> answer(200, o)));
  }

  /** Adverse events as the REST API's list: investigators, therapists, site coordinators. */
  @GET
  @Path("AdverseEvent")
  @RolesAllowed({Roles.INVESTIGATOR, Roles.THERAPIST, Roles.SITE_COORDINATOR})
  public Uni<Response> searchAdverseEvents() {
    var scope = caller.scope();
    var base = base();
    var query = uri.getRequestUri().getRawQuery();
    var params = uri.getQueryParameters();
    return answering(
        () ->
            adverseEvents
                .search(params, scope, base, query == null ? "" : query)
                .map(b -> answer(200, b)));
  }

  @GET
  @Path("AdverseEvent/{id}")
  @RolesAllowed({Roles.INVESTIGATOR, Roles.THERAPIST, Roles.SITE_COORDINATOR})
  public Uni<Response> readAdverseEvent(@PathParam("id") String id) {
    var scope = caller.scope();
    return answering(() -> adverseEvents.read(id, scope).map(e -> answer(200, e)));
  }

  // The public base: the gateway's host (forwarded) and the platform's FHIR path.
  private String base() {
    var request = uri.getBaseUri();
    return request.getScheme() + "://" + request.getRawAuthority() + PUBLIC_BASE;
  }

  /** Runs {@code work}, answering a platform problem (thrown or failed) as an OperationOutcome. */
  private Uni<Response> answering(Supplier<Uni<Response>> work) {
    return Uni.createFrom()
        .deferred(work::get)
        .onFailure(Problem.class)
        .recoverWithItem(
            failure -> {
              var problem = (Problem) failure;
              return answer(problem.status(), ProblemOutcomes.of(problem));
            });
  }

  private Response answer(int status, IBaseResource resource) {
    return Response.status(status).type(Fhir.MEDIA_TYPE).entity(fhir.json(resource)).build();
  }
}

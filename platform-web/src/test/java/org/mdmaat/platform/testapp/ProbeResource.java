package org.mdmaat.platform.testapp;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.mdmaat.platform.problem.Conflict;
import org.mdmaat.platform.problem.Forbidden;
import org.mdmaat.platform.problem.NotFound;
import org.mdmaat.platform.problem.QueryChoice;
import org.mdmaat.platform.problem.RuleViolation;
import org.mdmaat.platform.problem.ServiceUnavailable;
import org.mdmaat.platform.problem.Violation;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;

/** Endpoints that fail in each of the ways the problem mappers must answer, and the caller. */
@Path("/probe")
@PermitAll
public class ProbeResource {
  public enum Colour {
    RED,
    GREEN
  }

  private final Caller caller;

  ProbeResource(Caller caller) {
    this.caller = caller;
  }

  @POST
  @Path("/echo")
  @Consumes(MediaType.APPLICATION_JSON)
  public EchoRequest echo(@Valid @NotNull EchoRequest request) {
    return request;
  }

  @GET
  @Path("/count")
  public int count(@QueryParam("size") @Min(1) @Max(10) int size) {
    return size;
  }

  @GET
  @Path("/colour")
  public Colour colour(@QueryParam("colour") String colour) {
    return QueryChoice.of(Colour.class, "colour", colour, Colour.RED);
  }

  @GET
  @Path("/not-found")
  public String notFound() {
    throw new NotFound("TEST-0404", "No such specimen.");
  }

  @GET
  @Path("/forbidden")
  public String forbidden() {
    throw new Forbidden("TEST-0403", "Only the site's pharmacist may see this.");
  }

  @GET
  @Path("/conflict")
  public Uni<String> conflict() {
    return Uni.createFrom()
        .failure(new Conflict("TEST-0409", "A DISPOSED specimen cannot become STORED."));
  }

  @GET
  @Path("/rule")
  public String rule() {
    throw new RuleViolation(
        "TEST-0422",
        "Sessions must be at least 7 days apart.",
        List.of(new Violation("scheduledAt", "is 3 days after the previous session")));
  }

  @GET
  @Path("/unavailable")
  public String unavailable() {
    throw new ServiceUnavailable("TEST-0503", "The safety gate did not answer.");
  }

  @GET
  @Path("/boom")
  public String boom() {
    throw new IllegalStateException("org.mdmaat.secret.LedgerDao failed: password=hunter2");
  }

  @GET
  @Path("/boom-later")
  public Uni<String> boomLater() {
    return Uni.createFrom().failure(new NullPointerException("java.lang.String.secret"));
  }

  @POST
  @Path("/coordinators-only")
  @RolesAllowed(Roles.SITE_COORDINATOR)
  @Consumes(MediaType.APPLICATION_JSON)
  public EchoRequest coordinatorsOnly(@Valid @NotNull EchoRequest request) {
    return request;
  }

  @GET
  @Path("/caller")
  @Authenticated
  public Map<String, Object> whoAmI() {
    return Map.of(
        "subject", caller.subject(),
        "roles", new TreeSet<>(caller.roles()),
        "sites", new TreeSet<>(caller.sites()),
        "sponsor", caller.sponsor().orElse(""),
        "blinded", caller.blinded(),
        "actor", caller.actor().subject());
  }

  @GET
  @Path("/sites/{site}")
  @Authenticated
  public Set<String> site(@PathParam("site") String site) {
    caller.requireSite(site);
    return Set.of(site);
  }

  @GET
  @Path("/sponsors/{sponsor}")
  @Authenticated
  public Set<String> sponsor(@PathParam("sponsor") String sponsor) {
    caller.requireSponsor(sponsor);
    return Set.of(sponsor);
  }
}

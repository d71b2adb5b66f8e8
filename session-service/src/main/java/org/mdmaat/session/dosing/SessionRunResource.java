package org.mdmaat.session.dosing;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;
import org.mdmaat.platform.signature.Signatures;
import org.mdmaat.session.booking.DeviationView;
import org.mdmaat.session.schedule.SessionView;

/**
 * One session ("visit") of a schedule and its run: check-in, pre-dose checks, doses, monitoring,
 * completion, abort. Another site's session is a 404.
 */
@Path("/visits/{id}")
public class SessionRunResource {
  private final SessionLifecycleService lifecycle;
  private final DosingService dosing;
  private final DoseDeviationService deviations;
  private final DoseTimelineService timelines;
  private final Signatures signatures;
  private final Caller caller;

  SessionRunResource(
      SessionLifecycleService lifecycle,
      DosingService dosing,
      DoseDeviationService deviations,
      DoseTimelineService timelines,
      Signatures signatures,
      Caller caller) {
    this.lifecycle = lifecycle;
    this.dosing = dosing;
    this.deviations = deviations;
    this.timelines = timelines;
    this.signatures = signatures;
    this.caller = caller;
  }

  @GET
  @RolesAllowed({Roles.SITE_COORDINATOR, Roles.INVESTIGATOR, Roles.THERAPIST})
  public Uni<SessionView> get(@PathParam("id") UUID id) {
    return lifecycle.get(id, caller.scope());
  }

  @POST
  @Path("check-in")
  @RolesAllowed({Roles.INVESTIGATOR, Roles.THERAPIST})
  public Uni<SessionView> checkIn(@PathParam("id") UUID id) {
    return lifecycle.checkIn(id, caller.scope());
  }

  @POST
  @Path("pre-dose-checks")
  @RolesAllowed({Roles.INVESTIGATOR, Roles.THERAPIST})
  public Uni<SessionView> preDoseChecks(
      @PathParam("id") UUID id, @Valid @NotNull PreDoseChecklist checklist) {
    return lifecycle.preDoseChecks(id, checklist, caller.scope());
  }

  /** Records a dose. 422 for a broken rule or a "no" on safety, 503 when safety is unconfirmed. */
  @POST
  @Path("doses")
  @ResponseStatus(201)
  @RolesAllowed({Roles.INVESTIGATOR, Roles.THERAPIST})
  public Uni<DoseView> dose(@PathParam("id") UUID id, @Valid @NotNull DoseRequest request) {
    return dosing.record(id, request, caller.scope());
  }

  /**
   * An investigator's signed deviation, recorded before the dose, that lets an experimental session
   * be dosed out of sequence or spacing. 409 after the first dose or for a second of one category;
   * 401 with a challenge to log in again when the signer's login is not fresh.
   */
  @POST
  @Path("deviations")
  @ResponseStatus(201)
  @RolesAllowed(Roles.INVESTIGATOR)
  public Uni<DeviationView> deviation(
      @PathParam("id") UUID id, @Valid @NotNull DoseDeviationRequest request) {
    return deviations.record(
        id,
        request,
        caller.scope(),
        record -> signatures.sign(caller, request.signature().meaning(), record));
  }

  @GET
  @Path("doses")
  @RolesAllowed({Roles.INVESTIGATOR, Roles.THERAPIST, Roles.SITE_COORDINATOR})
  public Uni<List<DoseView>> doses(@PathParam("id") UUID id) {
    return dosing.doses(id, caller.scope());
  }

  /** The session's doses and its supplemental window, for the monitor's dose timeline. */
  @GET
  @Path("dose-timeline")
  @RolesAllowed({Roles.INVESTIGATOR, Roles.THERAPIST, Roles.SITE_COORDINATOR})
  public Uni<DoseTimeline> doseTimeline(@PathParam("id") UUID id) {
    return timelines.timeline(id, caller.scope());
  }

  @POST
  @Path("monitoring")
  @RolesAllowed({Roles.INVESTIGATOR, Roles.THERAPIST})
  public Uni<SessionView> monitoring(@PathParam("id") UUID id) {
    return lifecycle.monitoring(id, caller.scope());
  }

  @POST
  @Path("completion")
  @RolesAllowed({Roles.INVESTIGATOR, Roles.THERAPIST})
  public Uni<SessionView> complete(@PathParam("id") UUID id) {
    return lifecycle.complete(id, caller.scope());
  }

  @POST
  @Path("abort")
  @RolesAllowed({Roles.INVESTIGATOR, Roles.THERAPIST})
  public Uni<SessionView> abort(@PathParam("id") UUID id, @Valid @NotNull AbortRequest request) {
    return lifecycle.abort(id, request.reason().trim(), caller.scope());
  }

  public record AbortRequest(@NotBlank @Size(max = 2000) String reason) {}
}

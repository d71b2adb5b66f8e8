package org.mdmaat.recruitment.fhir;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.mdmaat.platform.audit.AccessLog;
import org.mdmaat.platform.fhir.FhirSearch;
import org.mdmaat.platform.fhir.ProblemOutcomes;
import org.mdmaat.platform.problem.Problem;
import org.mdmaat.platform.problem.Violation;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;
import org.mdmaat.recruitment.Problems;
import org.mdmaat.recruitment.participant.ParticipantService;
import org.mdmaat.recruitment.trial.TrialService;
import org.mdmaat.recruitment.trial.TrialStatus;

/**
 * The FHIR R4 endpoint of recruitment-service ({@code /api/recruitment/fhir/r4}; the gateway serves
 * it as {@code /fhir/r4}): trials as ResearchStudy, participants as ResearchSubject, and this
 * service's CapabilityStatement. Reads go through the REST API's service methods and checks: a
 * trial of another sponsor (or not at the caller's sites), or a participant of another site, is 404
 * and absent from searches; participant reads are written to the access log like the REST API's.
 * Refusals are OperationOutcomes carrying the problem code (a missing or unfit token is still the
 * platform's problem+json 401/403).
 */
@Path("/fhir/r4")
@Produces({Fhir.MEDIA_TYPE, MediaType.APPLICATION_JSON})
public class FhirResource {
  private static final FhirSearch SEARCH = new FhirSearch(Problems.FHIR_SEARCH);

  /** The platform's FHIR base path, at the gateway. */
  static final String PUBLIC_BASE = "/fhir/r4";

  private static final Date STARTED = new Date();
  private static final Set<String> STUDY_PARAMS = Set.of("status", "_count", "_page");
  private static final Set<String> SUBJECT_PARAMS = Set.of("study", "_count", "_page");

  private final Fhir fhir;
  private final TrialService trials;
  private final ParticipantService participants;
  private final AccessLog accessLog;
  private final Caller caller;

  @Context UriInfo uri;

  FhirResource(
      Fhir fhir,
      TrialService trials,
      ParticipantService participants,
      AccessLog accessLog,
      Caller caller) {
    this.fhir = fhir;
    this.trials = trials;
    this.participants = participants;
    this.accessLog = accessLog;
    this.caller = caller;
  }

  @GET
  @Path("metadata")
  @PermitAll
  public Response metadata() {
    return answer(200, Capability.statement(STARTED));
  }

  @GET
  @Path("ResearchStudy/{id}")
  @RolesAllowed({Roles.SPONSOR, Roles.INVESTIGATOR, Roles.SITE_COORDINATOR})
  public Uni<Response> readStudy(@PathParam("id") String id) {
    var scope = caller.scope();
    return answering(
        () -> trials.readable(id, scope).map(t -> answer(200, ResearchResources.study(t))));
  }

  @GET
  @Path("ResearchStudy")
  @RolesAllowed({Roles.SPONSOR, Roles.INVESTIGATOR, Roles.SITE_COORDINATOR})
  public Uni<Response> searchStudies() {
    var scope = caller.scope();
    var params = uri.getQueryParameters();
    var base = base();
    var query = query();
    return answering(
        () -> {
          var status = SEARCH.only(params, STUDY_PARAMS, "status");
          var statuses = EnumSet.noneOf(TrialStatus.class);
          if (status != null) {
            for (var code : status.split(",")) {
              statuses.addAll(
                  ResearchResources.statuses(code.strip())
                      .orElseThrow(
                          () ->
                              Problems.FHIR_SEARCH.problem(
                                  "status " + code + " is not a ResearchStudy status",
                                  List.of(new Violation("status", "not a ResearchStudy status")))));
            }
          }
          int count = SEARCH.count(params);
          int page = SEARCH.page(params);
          return trials
              .readable(scope, statuses, page, count)
              .map(
                  found ->
                      answer(
                          200,
                          FhirSearch.searchset(
                              found.items(),
                              found.total(),
                              found.page(),
                              found.size(),
                              ResearchResources::study,
                              base,
                              "ResearchStudy",
                              query)));
        });
  }

  @GET
  @Path("ResearchSubject/{code}")
  @RolesAllowed({Roles.SITE_COORDINATOR, Roles.INVESTIGATOR})
  public Uni<Response> readSubject(
      @PathParam("code") String code, @HeaderParam(AccessLog.REASON_HEADER) String reason) {
    var scope = caller.scope();
    return answering(
        () ->
            accessLog
                .record("participant", code, reason)
                .chain(() -> participants.get(code, scope))
                .map(p -> answer(200, ResearchResources.subject(p))));
  }

  @GET
  @Path("ResearchSubject")
  @RolesAllowed({Roles.SITE_COORDINATOR, Roles.INVESTIGATOR})
  public Uni<Response> searchSubjects(@HeaderParam(AccessLog.REASON_HEADER) String reason) {
    var scope = caller.scope();
    var params = uri.getQueryParameters();
    var base = base();
    var query = query();
    return answering(
        () -> {
          var study = SEARCH.only(params, SUBJECT_PARAMS, "study");
          var trialId = study == null ? null : study.replaceFirst("^ResearchStudy/", "");
          int count = SEARCH.count(params);
          int page = SEARCH.page(params);
          return accessLog
              .record("participants", "fhir ResearchSubject?" + query, reason)
              .chain(() -> participants.atSites(scope, trialId, page, count))
              .map(
                  found ->
                      answer(
                          200,
                          FhirSearch.searchset(
                              found.items(),
                              found.total(),
                              found.page(),
                              found.size(),
                              ResearchResources::subject,
                              base,
                              "ResearchSubject",
                              query)));
        });
  }

  private String query() {
    var raw = uri.getRequestUri().getRawQuery();
    return raw == null ? "" : raw;
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

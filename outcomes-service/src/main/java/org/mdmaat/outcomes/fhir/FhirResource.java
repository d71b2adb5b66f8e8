package org.mdmaat.outcomes.fhir;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.mdmaat.outcomes.Problems;
import org.mdmaat.outcomes.assessment.AssessmentService;
import org.mdmaat.outcomes.assessment.AssessmentView;
import org.mdmaat.outcomes.instrument.InstrumentCatalog;
import org.mdmaat.platform.fhir.FhirSearch;
import org.mdmaat.platform.fhir.ProblemOutcomes;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.problem.Problem;
import org.mdmaat.platform.problem.Violation;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;

/**
 * The FHIR R4 endpoint of outcomes-service ({@code /api/outcomes/fhir/r4}; the gateway serves it as
 * {@code /fhir/r4}): instruments as Questionnaire, assessments as QuestionnaireResponse, and this
 * service's CapabilityStatement. Reads go through the REST API's service methods and checks, with
 * the REST API's roles: an assessment of another site is 404, and a search by another site's (or an
 * unknown) participant finds nothing. Assessment reads are not access-logged, as the REST API's are
 * not. Refusals are OperationOutcomes carrying the problem code (a missing or unfit token is still
 * the platform's problem+json 401/403).
 */
@Path("/fhir/r4")
@Produces({Fhir.MEDIA_TYPE, MediaType.APPLICATION_JSON})
public class FhirResource {
  private static final FhirSearch SEARCH = new FhirSearch(Problems.FHIR_SEARCH);

  /** The platform's FHIR base path, at the gateway. */
  static final String PUBLIC_BASE = "/fhir/r4";

  private static final Date STARTED = new Date();
  private static final Set<String> QUESTIONNAIRE_PARAMS = Set.of("_count", "_page");
  private static final Set<String> RESPONSE_PARAMS =
      Set.of("subject", "subject:identifier", "_count", "_page");

  private final Fhir fhir;
  private final InstrumentCatalog instruments;
  private final AssessmentService assessments;
  private final Caller caller;

  @Context UriInfo uri;

  FhirResource(
      Fhir fhir, InstrumentCatalog instruments, AssessmentService assessments, Caller caller) {
    this.fhir = fhir;
    this.instruments = instruments;
    this.assessments = assessments;
    this.caller = caller;
  }

  @GET
  @Path("metadata")
  @PermitAll
  public Response metadata() {
    return answer(200, Capability.statement(STARTED));
  }

  @GET
  @Path("Questionnaire/{id}")
  @RolesAllowed({
    Roles.RATER,
    Roles.INVESTIGATOR,
    Roles.SITE_COORDINATOR,
    Roles.THERAPIST,
    Roles.SPONSOR,
    Roles.DSMB,
    Roles.REGULATOR
  })
  public Uni<Response> readQuestionnaire(@PathParam("id") String id) {
    return answering(
        () ->
            Uni.createFrom()
                .item(
                    () ->
                        answer(
                            200,
                            QuestionnaireResources.questionnaire(
                                instruments
                                    .find(id)
                                    .orElseThrow(
                                        () ->
                                            Problems.NOT_FOUND.problem(
                                                "No Questionnaire " + id))))));
  }

  @GET
  @Path("Questionnaire")
  @RolesAllowed({
    Roles.RATER,
    Roles.INVESTIGATOR,
    Roles.SITE_COORDINATOR,
    Roles.THERAPIST,
    Roles.SPONSOR,
    Roles.DSMB,
    Roles.REGULATOR
  })
  public Uni<Response> searchQuestionnaires() {
    var params = uri.getQueryParameters();
    var base = base();
    var query = query();
    return answering(
        () -> {
          SEARCH.only(params, QUESTIONNAIRE_PARAMS, "_count");
          var found = instruments.page(SEARCH.page(params), SEARCH.count(params));
          return Uni.createFrom()
              .item(
                  answer(
                      200,
                      FhirSearch.searchset(
                          found.items(),
                          found.total(),
                          found.page(),
                          found.size(),
                          QuestionnaireResources::questionnaire,
                          base,
                          "Questionnaire",
                          query)));
        });
  }

  @GET
  @Path("QuestionnaireResponse/{id}")
  @RolesAllowed({Roles.RATER, Roles.INVESTIGATOR, Roles.SITE_COORDINATOR})
  public Uni<Response> readResponse(@PathParam("id") String id) {
    var scope = caller.scope();
    return answering(
        () -> {
          UUID assessment;
          try {
            assessment = UUID.fromString(id);
          } catch (IllegalArgumentException e) {
            // Not one of ours: answered like any id that names nothing.
            throw Problems.NOT_FOUND.problem("No QuestionnaireResponse " + id);
          }
          return assessments.get(assessment, scope).map(a -> answer(200, response(a)));
        });
  }

  @GET
  @Path("QuestionnaireResponse")
  @RolesAllowed({Roles.RATER, Roles.INVESTIGATOR, Roles.SITE_COORDINATOR})
  public Uni<Response> searchResponses() {
    var scope = caller.scope();
    var params = uri.getQueryParameters();
    var base = base();
    var query = query();
    return answering(
        () -> {
          var participant = subject(params);
          int count = SEARCH.count(params);
          int page = SEARCH.page(params);
          return assessments
              .ofParticipant(participant, null, null, scope, page, count)
              // Another site's participant, or none: the search finds nothing, as for a stranger.
              .onFailure(f -> f instanceof Problem p && p.status() == 404)
              .recoverWithItem(() -> new PageOf<>(List.of(), page, count, 0))
              .map(
                  found ->
                      answer(
                          200,
                          FhirSearch.searchset(
                              found.items(),
                              found.total(),
                              found.page(),
                              found.size(),
                              this::response,
                              base,
                              "QuestionnaireResponse",
                              query)));
        });
  }

  private org.hl7.fhir.r4.model.QuestionnaireResponse response(AssessmentView a) {
    return QuestionnaireResources.response(a, instruments.find(a.instrument()).orElse(null));
  }

  /** The participant searched for: {@code subject=<code>} or {@code subject:identifier=}. */
  private static String subject(MultivaluedMap<String, String> params) {
    var plain = SEARCH.only(params, RESPONSE_PARAMS, "subject");
    var identifier = SEARCH.only(params, RESPONSE_PARAMS, "subject:identifier");
    if ((plain == null) == (identifier == null)) {
      throw Problems.FHIR_SEARCH.problem(
          "A QuestionnaireResponse search names its participant once: subject or"
              + " subject:identifier",
          List.of(new Violation("subject", "required, once")));
    }
    if (plain != null) {
      return plain;
    }
    var prefix = QuestionnaireResources.PARTICIPANT_SYSTEM + "|";
    if (!identifier.startsWith(prefix) || identifier.length() == prefix.length()) {
      throw Problems.FHIR_SEARCH.problem(
          "subject:identifier is " + prefix + "<code>",
          List.of(new Violation("subject:identifier", "must be " + prefix + "<code>")));
    }
    return identifier.substring(prefix.length());
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

package org.mdmaat.outcomes.assessment;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestResponse;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.paging.PageRequest;
import org.mdmaat.platform.problem.QueryChoice;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;

/**
 * Assessments of the caller's sites' participants. Raters administer CAPS-5 (independent-rater
 * rule); investigators and coordinators may also enter the self-report instruments.
 */
@Path("/participants/{participantCode}/assessments")
@RolesAllowed({Roles.RATER, Roles.INVESTIGATOR, Roles.SITE_COORDINATOR})
public class ParticipantAssessmentResource {
  private final AssessmentService assessments;
  private final Caller caller;

  ParticipantAssessmentResource(AssessmentService assessments, Caller caller) {
    this.assessments = assessments;
    this.caller = caller;
  }

  @POST
  public Uni<RestResponse<AssessmentView>> record(
      @PathParam("participantCode") @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String participantCode,
      @Valid @NotNull RecordAssessmentRequest request,
      UriInfo uri) {
    return assessments
        .record(participantCode, request, caller.scope())
        .map(
            view ->
                RestResponse.ResponseBuilder.<AssessmentView>created(
                        uri.getBaseUriBuilder().path("assessments/{id}").build(view.id()))
                    .entity(view)
                    .build());
  }

  /** The participant's assessments, by administration time (page/size paging). */
  @GET
  public Uni<PageOf<AssessmentView>> list(
      @PathParam("participantCode") @Pattern(regexp = "[A-Za-z0-9-]{1,64}") String participantCode,
      @QueryParam("instrument") String instrument,
      @QueryParam("timepoint") String timepoint,
      @BeanParam @Valid PageRequest paging) {
    return assessments.ofParticipant(
        participantCode,
        instrument,
        QueryChoice.of(Timepoint.class, "timepoint", timepoint, null),
        caller.scope(),
        paging.page(),
        paging.size());
  }
}

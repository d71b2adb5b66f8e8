package org.mdmaat.outcomes.assessment;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.UUID;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.paging.PageRequest;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;

/** One assessment of a participant at the caller's sites: read, correct, history. */
@Path("/assessments/{id}")
@RolesAllowed({Roles.RATER, Roles.INVESTIGATOR, Roles.SITE_COORDINATOR})
public class AssessmentResource {
  private final AssessmentService assessments;
  private final Caller caller;

  AssessmentResource(AssessmentService assessments, Caller caller) {
    this.assessments = assessments;
    this.caller = caller;
  }

  @GET
  public Uni<AssessmentView> get(@PathParam("id") UUID id) {
    return assessments.get(id, caller.scope());
  }

  /** A correction: the new values and the reason; the earlier ones stay in the history. */
  @PUT
  public Uni<AssessmentView> correct(
      @PathParam("id") UUID id, @Valid @NotNull CorrectAssessmentRequest request) {
    return assessments.correct(id, request, caller.scope());
  }

  /** Every revision, oldest first (page/size paging). */
  @GET
  @Path("history")
  public Uni<PageOf<AssessmentView.Revision>> history(
      @PathParam("id") UUID id, @BeanParam @Valid PageRequest paging) {
    return assessments.history(id, caller.scope(), paging.page(), paging.size());
  }
}

package org.mdmaat.recruitment.participant;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestResponse;
import org.mdmaat.platform.audit.AccessLog;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.paging.PageRequest;
import org.mdmaat.platform.problem.QueryChoice;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;
import org.mdmaat.platform.signature.SignatureRequest;
import org.mdmaat.recruitment.randomization.RandomizationService;

/**
 * Candidates and participants at the caller's sites ({@code sites} claim); another site's answer
 * 404. Reading them (names and contacts) is written to the platform's access log first, whatever
 * the answer (also 404); if it cannot be, the read is refused.
 */
@Path("/participants")
public class ParticipantResource {
  private final ParticipantService participants;
  private final RandomizationService randomization;
  private final EmergencyUnblindingService unblinding;
  private final Caller caller;
  private final AccessLog accessLog;

  ParticipantResource(
      ParticipantService participants,
      RandomizationService randomization,
      EmergencyUnblindingService unblinding,
      Caller caller,
      AccessLog accessLog) {
    this.participants = participants;
    this.randomization = randomization;
    this.unblinding = unblinding;
    this.caller = caller;
    this.accessLog = accessLog;
  }

  /** A candidate starts screening. */
  @POST
  @RolesAllowed(Roles.SITE_COORDINATOR)
  public Uni<RestResponse<ParticipantView>> register(
      @Valid @NotNull Requests.RegisterCandidate request, UriInfo uri) {
    return participants
        .register(request, caller.scope())
        .map(
            p ->
                RestResponse.ResponseBuilder.<ParticipantView>created(
                        uri.getAbsolutePathBuilder().path(p.code()).build())
                    .entity(p)
                    .build());
  }

  @GET
  @RolesAllowed({Roles.SITE_COORDINATOR, Roles.INVESTIGATOR})
  public Uni<PageOf<ParticipantView>> list(
      @QueryParam("siteCode") @NotBlank String siteCode,
      @QueryParam("trialId") String trialId,
      @QueryParam("status") String status,
      @BeanParam @Valid PageRequest paging,
      @HeaderParam(AccessLog.REASON_HEADER) String reason) {
    var query =
        "siteCode="
            + siteCode
            + (trialId == null ? "" : "&trialId=" + trialId)
            + (status == null ? "" : "&status=" + status)
            + "&page="
            + paging.page()
            + "&size="
            + paging.size();
    return accessLog
        .record("participants", query, reason)
        .chain(
            () -> {
              caller.requireSite(siteCode);
              return participants.list(
                  trialId,
                  siteCode,
                  QueryChoice.of(ParticipantStatus.class, "status", status, null),
                  paging.page(),
                  paging.size());
            });
  }

  @GET
  @Path("{code}")
  @RolesAllowed({Roles.SITE_COORDINATOR, Roles.INVESTIGATOR})
  public Uni<ParticipantView> get(
      @PathParam("code") String code, @HeaderParam(AccessLog.REASON_HEADER) String reason) {
    var scope = caller.scope();
    return accessLog.record("participant", code, reason).chain(() -> participants.get(code, scope));
  }

  /**
   * The investigator signs that the candidate is eligible: SCREENING to ELIGIBLE. The body is the
   * signature's meaning; the signer and their name come from a fresh login.
   */
  @POST
  @Path("{code}/eligibility")
  @RolesAllowed(Roles.INVESTIGATOR)
  public Uni<ParticipantView> signEligibility(
      @PathParam("code") String code, @Valid @NotNull SignatureRequest signature) {
    return participants.signEligibility(code, signature.meaning(), caller);
  }

  /** ELIGIBLE to CONSENTED, with the consent form version and date. */
  @POST
  @Path("{code}/consent")
  @RolesAllowed(Roles.SITE_COORDINATOR)
  public Uni<ParticipantView> consent(
      @PathParam("code") String code, @Valid @NotNull Requests.Consent consent) {
    return participants.consent(code, consent, caller.scope());
  }

  /** CONSENTED to ENROLLED; announces ParticipantEnrolled. */
  @POST
  @Path("{code}/enrollment")
  @RolesAllowed(Roles.SITE_COORDINATOR)
  public Uni<ParticipantView> enroll(@PathParam("code") String code) {
    return participants.enroll(code, caller.scope());
  }

  /** ENROLLED to RANDOMIZED: answers the kit code; the arm only to an unblinded role. */
  @POST
  @Path("{code}/randomization")
  @RolesAllowed({Roles.SITE_COORDINATOR, Roles.INVESTIGATOR, Roles.PHARMACIST})
  public Uni<AllocationView> randomize(@PathParam("code") String code) {
    return randomization.randomize(code, caller.scope());
  }

  /**
   * Corrects weight, subgroup facts (veteran, combat exposure, TBI, dissociative subtype), sex and
   * childbearing potential, with a reason.
   */
  @POST
  @Path("{code}/characteristics")
  @RolesAllowed({Roles.SITE_COORDINATOR, Roles.INVESTIGATOR})
  public Uni<ParticipantView> updateCharacteristics(
      @PathParam("code") String code, @Valid @NotNull Requests.Characteristics update) {
    return participants.updateCharacteristics(code, update, caller.scope());
  }

  /** IN_TREATMENT, COMPLETED, WITHDRAWN or SCREEN_FAILED (the last two with a reason). */
  @POST
  @Path("{code}/status")
  @RolesAllowed(Roles.SITE_COORDINATOR)
  public Uni<ParticipantView> changeStatus(
      @PathParam("code") String code, @Valid @NotNull Requests.StatusChange change) {
    return participants.changeStatus(code, change, caller.scope());
  }

  /**
   * An investigator learns one participant's arm in an emergency: signed, audited with the reason,
   * and announced (without the arm) to the sponsor's medical monitor and the DSMB.
   */
  @POST
  @Path("{code}/emergency-unblinding")
  @RolesAllowed(Roles.INVESTIGATOR)
  public Uni<AllocationView> emergencyUnblind(
      @PathParam("code") String code, @Valid @NotNull Requests.EmergencyUnblinding request) {
    return unblinding.emergencyUnblind(code, request, caller);
  }
}

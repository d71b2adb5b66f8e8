package org.mdmaat.outcomes.statistics;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.mdmaat.outcomes.assessment.Timepoint;
import org.mdmaat.platform.problem.QueryChoice;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;

/**
 * Trial statistics of one instrument (default CAPS-5), per timepoint: by arm for the DSMB and the
 * unblinded statistician, and for sponsor and regulators after unblinding; pooled otherwise.
 * Investigators see their own sites only, pooled, even after unblinding.
 */
@Path("/trials/{trialId}/statistics")
@RolesAllowed({
  Roles.DSMB,
  Roles.UNBLINDED_STATISTICIAN,
  Roles.SPONSOR,
  Roles.REGULATOR,
  Roles.INVESTIGATOR
})
public class StatisticsResource {
  private final StatisticsService statistics;
  private final Caller caller;

  StatisticsResource(StatisticsService statistics, Caller caller) {
    this.statistics = statistics;
    this.caller = caller;
  }

  @GET
  public Uni<TrialStatistics> get(
      @PathParam("trialId") @Size(max = 64) String trialId,
      @QueryParam("instrument") @DefaultValue("CAPS5") @NotBlank String instrument,
      @QueryParam("timepoint") String timepoint,
      @QueryParam("dissociative") Boolean dissociative,
      @QueryParam("veteran") Boolean veteran,
      @QueryParam("combatExposure") Boolean combatExposure,
      @QueryParam("traumaticBrainInjury") Boolean traumaticBrainInjury,
      @QueryParam("siteCode") @Size(max = 32) String siteCode,
      @QueryParam("subgroup") String subgroup) {
    return statistics.of(
        trialId,
        instrument,
        QueryChoice.of(Timepoint.class, "timepoint", timepoint, null),
        new StatisticsService.Filters(
            dissociative,
            veteran,
            combatExposure,
            traumaticBrainInjury,
            siteCode,
            // combatExposure, as the filter is named, or COMBAT_EXPOSURE.
            QueryChoice.of(
                StatisticsService.Subgroup.class,
                "subgroup",
                subgroup == null ? null : subgroup.replaceAll("([a-z])([A-Z])", "$1_$2"),
                null)),
        caller.scope(),
        caller.bearer().orElseThrow());
  }
}

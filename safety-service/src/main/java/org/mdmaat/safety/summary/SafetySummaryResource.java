package org.mdmaat.safety.summary;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.HashMap;
import java.util.List;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;
import org.mdmaat.safety.participant.ParticipantDirectory;
import org.mdmaat.safety.trial.TrialAccess;

/**
 * Safety summaries. The DSMB sees them by arm, with arms disclosed by recruitment-service (or none:
 * 503, never a guess); the trial's sponsor sees them pooled.
 */
@Path("/trials/{trialId}/safety-summary")
public class SafetySummaryResource {
  private final SafetySummaryService summaries;
  private final ParticipantDirectory directory;
  private final TrialAccess trials;
  private final Caller caller;

  SafetySummaryResource(
      SafetySummaryService summaries,
      ParticipantDirectory directory,
      TrialAccess trials,
      Caller caller) {
    this.summaries = summaries;
    this.directory = directory;
    this.trials = trials;
    this.caller = caller;
  }

  @GET
  @RolesAllowed({Roles.DSMB, Roles.SPONSOR})
  public Uni<SafetySummary> get(@PathParam("trialId") @Size(max = 64) String trialId) {
    var sponsor = caller.sponsor().orElse(null);
    if (!caller.hasRole(Roles.DSMB)) {
      return Panache.withSession(
          () ->
              trials
                  .requireSponsor(trialId, sponsor)
                  .chain(
                      () ->
                          summaries.summarize(
                              trialId,
                              "POOLED",
                              List.of(SafetySummaryService.POOLED),
                              p -> SafetySummaryService.POOLED)));
    }
    var subject = caller.subject();
    // A DSMB member of one sponsor does not see another sponsor's trial.
    return trials
        .requireSponsor(trialId, sponsor)
        .chain(() -> directory.allocations(trialId, subject, Roles.DSMB))
        .flatMap(
            allocations -> {
              var arms = new HashMap<String, String>();
              allocations.forEach(a -> arms.put(a.getParticipantCode(), a.getArm()));
              var groups = allocations.stream().map(a -> a.getArm()).distinct().sorted().toList();
              return Panache.withSession(
                  () ->
                      summaries.summarize(
                          trialId,
                          "ARM",
                          groups,
                          p -> arms.getOrDefault(p, SafetySummaryService.UNALLOCATED)));
            });
  }
}

package org.mdmaat.outcomes.export;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import org.mdmaat.outcomes.allocation.TrialOwnership;
import org.mdmaat.outcomes.assessment.Assessment;
import org.mdmaat.outcomes.assessment.AssessmentJson;
import org.mdmaat.outcomes.assessment.WindowJudge;
import org.mdmaat.outcomes.assessment.Windows;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.security.Roles;
import org.mdmaat.platform.security.Scope;

/** Reads a trial's assessments for export; site staff get their own sites' only. */
@ApplicationScoped
public class ExportService {
  private final AssessmentJson columns;

  private final TrialOwnership ownership;

  private final Windows windows;

  ExportService(AssessmentJson columns, TrialOwnership ownership, Windows windows) {
    this.columns = columns;
    this.windows = windows;
    this.ownership = ownership;
  }

  public Uni<String> csv(String trialId, String instrument, Scope scope) {
    var sites = scope.sites();
    var reader = scope.actor();
    return ownership
        .check(trialId, scope)
        .chain(
            () ->
                Panache.withSession(
                    () ->
                        assessmentsInSession(trialId, instrument, sites, reader)
                            .chain(
                                found ->
                                    windows
                                        .ofTrial(trialId)
                                        .map(judge -> new Found(found, judge)))))
        .map(
            loaded ->
                AssessmentExport.csv(
                    loaded.found.stream()
                        .map(
                            a ->
                                new AssessmentExport.Row(
                                    a.id,
                                    a.participantCode,
                                    a.trialId,
                                    a.siteCode,
                                    a.instrument,
                                    a.timepoint,
                                    a.revision,
                                    a.administeredAt,
                                    a.recordedBy,
                                    a.recordedAt,
                                    a.reason,
                                    a.total,
                                    a.band,
                                    columns.numbers(a.responses),
                                    loaded.windows.judge(a)))
                        .toList()));
  }

  private record Found(List<Assessment> found, WindowJudge windows) {}

  private Uni<List<Assessment>> assessmentsInSession(
      String trialId, String instrument, Set<String> sites, Actor reader) {
    var roles = reader.roles();
    boolean siteStaff =
        !roles.contains(Roles.REGULATOR)
            && !roles.contains(Roles.SPONSOR)
            && !roles.contains(Roles.DSMB);
    if (siteStaff && sites.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    String order = " order by participantCode, timepoint, instrument";
    if (instrument == null) {
      return siteStaff
          ? Assessment.list("trialId = ?1 and siteCode in ?2" + order, trialId, sites)
          : Assessment.list("trialId = ?1" + order, trialId);
    }
    return siteStaff
        ? Assessment.list(
            "trialId = ?1 and instrument = ?2 and siteCode in ?3" + order,
            trialId,
            instrument,
            sites)
        : Assessment.list("trialId = ?1 and instrument = ?2" + order, trialId, instrument);
  }
}

package org.mdmaat.recruitment.sdtm;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mdmaat.platform.cdisc.DatasetJson;
import org.mdmaat.platform.cdisc.DatasetJsonStream;
import org.mdmaat.platform.cdisc.Sdtm;
import org.mdmaat.platform.cdisc.SdtmFile;
import org.mdmaat.platform.security.Roles;
import org.mdmaat.platform.security.Scope;
import org.mdmaat.recruitment.Problems;
import org.mdmaat.recruitment.participant.Participant;
import org.mdmaat.recruitment.randomization.AllocationSlot;
import org.mdmaat.recruitment.randomization.Arm;
import org.mdmaat.recruitment.trial.Trial;
import org.mdmaat.recruitment.trial.TrialSite;

/**
 * A trial's DM and DS datasets (Dataset-JSON), streamed page by page. The sponsor reads its own
 * trials (another's is 404), a regulator once the trial is unblinded (before, 409). DM's arm
 * variables stay blank until the trial is unblinded, for everyone.
 */
@ApplicationScoped
public class SdtmService {
  static final String SOURCE = "recruitment-service";

  private record Found(
      boolean unblinded, Map<String, String> countries, long records, Instant last) {}

  public Uni<SdtmFile> download(String trialId, String domainName, Scope scope) {
    var domain = domainName == null ? "" : domainName.toUpperCase(Locale.ROOT);
    if (!domain.equals("DM") && !domain.equals("DS")) {
      return Uni.createFrom()
          .failure(
              Problems.SDTM_DOMAIN_NOT_FOUND.problem(
                  "recruitment-service produces the SDTM domains DM and DS, not " + domainName));
    }
    return Panache.withSession(() -> found(trialId, domain, scope))
        .map(
            found ->
                SdtmFile.of(domain, domain.equals("DM") ? dm(trialId, found) : ds(trialId, found)));
  }

  private Uni<Found> found(String trialId, String domain, Scope scope) {
    return Trial.<Trial>findById(trialId)
        .chain(
            trial -> {
              if (trial == null
                  || (scope.hasRole(Roles.SPONSOR)
                      ? !scope.belongsTo(trial.sponsor)
                      : !scope.hasRole(Roles.REGULATOR))) {
                throw Problems.NOT_FOUND.problem("No trial " + trialId);
              }
              if (!scope.hasRole(Roles.SPONSOR) && trial.blinded()) {
                throw Problems.TRIAL_BLINDED.problem(
                    "Trial " + trialId + " is still blinded: its datasets are submitted after");
              }
              String count =
                  domain.equals("DM")
                      ? "select count(p), max(p.updatedAt) from Participant p"
                          + " where p.trialId = ?1 and p.consentDate is not null"
                      : "select count(p.consentDate) + count(p.randomizedAt) + sum(case when"
                          + " p.status in (org.mdmaat.recruitment.participant.ParticipantStatus"
                          + ".COMPLETED, org.mdmaat.recruitment.participant.ParticipantStatus"
                          + ".WITHDRAWN, org.mdmaat.recruitment.participant.ParticipantStatus"
                          + ".SCREEN_FAILED) then 1 else 0 end), max(p.updatedAt)"
                          + " from Participant p where p.trialId = ?1";
              return TrialSite.<TrialSite>list("trialId", trialId)
                  .chain(
                      sites ->
                          Participant.getSession()
                              .chain(
                                  session ->
                                      session
                                          .createQuery(count, Object[].class)
                                          .setParameter(1, trialId)
                                          .getSingleResult())
                              .map(
                                  row -> {
                                    var countries = new HashMap<String, String>();
                                    sites.forEach(s -> countries.put(s.code, s.country));
                                    return new Found(
                                        !trial.blinded(),
                                        countries,
                                        row[0] == null ? 0 : ((Number) row[0]).longValue(),
                                        (Instant) row[1]);
                                  }));
            });
  }

  private static DatasetJson.Header header(
      String trialId, String domain, String label, List<DatasetJson.Column> columns, Found f) {
    var now = Instant.now();
    return new DatasetJson.Header(
        trialId, domain, label, SOURCE, "1", now, f.last() == null ? now : f.last(), columns);
  }

  private static Uni<List<Participant>> page(String trialId, String where, int page) {
    return Participant.<Participant>find(where, Sort.by("code"), trialId)
        .page(page, DatasetJsonStream.PAGE_SIZE)
        .list();
  }

  private Multi<Buffer> dm(String trialId, Found found) {
    DatasetJsonStream.Pages pages =
        page ->
            Panache.withSession(
                () ->
                    page(trialId, "trialId = ?1 and consentDate is not null", page)
                        .chain(
                            participants ->
                                arms(trialId, participants, found.unblinded())
                                    .map(
                                        arms -> {
                                          var rows = new ArrayList<Object[]>();
                                          for (var p : participants) {
                                            rows.add(
                                                RecruitmentDomains.dm(
                                                    p,
                                                    arms.get(p.code),
                                                    found.countries().get(p.siteCode)));
                                          }
                                          return rows;
                                        })));
    return DatasetJsonStream.of(
        header(trialId, "DM", "Demographics", RecruitmentDomains.DM, found),
        Sdtm.ORIGINATOR,
        found.records(),
        pages);
  }

  /** The page's arms, read only when the trial is unblinded: a blinded trial's DM never has one. */
  private static Uni<Map<String, Arm>> arms(
      String trialId, List<Participant> participants, boolean unblinded) {
    if (!unblinded || participants.isEmpty()) {
      return Uni.createFrom().item(Map.of());
    }
    var codes = participants.stream().map(p -> p.code).toList();
    return AllocationSlot.<AllocationSlot>list(
            "trialId = ?1 and participantCode in ?2", trialId, codes)
        .map(
            slots -> {
              var arms = new HashMap<String, Arm>();
              slots.forEach(s -> arms.put(s.participantCode, s.arm));
              return arms;
            });
  }

  private Multi<Buffer> ds(String trialId, Found found) {
    var seq = new int[1];
    DatasetJsonStream.Pages pages =
        page ->
            Panache.withSession(() -> page(trialId, "trialId = ?1", page))
                .map(
                    participants -> {
                      var rows = new ArrayList<Object[]>();
                      for (var p : participants) {
                        seq[0] = 0;
                        for (var row : RecruitmentDomains.ds(p)) {
                          row[3] = ++seq[0];
                          rows.add(row);
                        }
                      }
                      return rows;
                    });
    return DatasetJsonStream.of(
        header(trialId, "DS", "Disposition", RecruitmentDomains.DS, found),
        Sdtm.ORIGINATOR,
        found.records(),
        pages);
  }
}

package org.mdmaat.recruitment.call;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.problem.Problem;
import org.mdmaat.platform.security.Scope;
import org.mdmaat.recruitment.Problems;
import org.mdmaat.recruitment.eligibility.CriterionKind;
import org.mdmaat.recruitment.trial.Trial;
import org.mdmaat.recruitment.trial.TrialDocuments;
import org.mdmaat.recruitment.trial.TrialService;
import org.mdmaat.recruitment.trial.TrialSite;
import org.mdmaat.recruitment.trial.TrialStatus;

/** Posts, closes and shows recruitment calls. */
@ApplicationScoped
public class RecruitmentCallService {
  private static final List<TrialStatus> ENDED =
      List.of(TrialStatus.TERMINATED, TrialStatus.COMPLETED, TrialStatus.WITHDRAWN);

  private final AuditTrail audit;
  private final TrialDocuments documents;
  private final TrialService trials;

  RecruitmentCallService(AuditTrail audit, TrialDocuments documents, TrialService trials) {
    this.audit = audit;
    this.documents = documents;
    this.trials = trials;
  }

  @WithTransaction
  public Uni<CallView> post(PostCallRequest request, Scope scope) {
    return post(request.trialId(), request.summary(), TrialService.sponsorOf(scope), scope.actor());
  }

  /** Posts a call in the caller's transaction. */
  public Uni<CallView> post(String trialId, String summary, String sponsor, Actor actor) {
    return Trial.<Trial>findById(trialId)
        .invoke(
            trial -> {
              if (trial == null || !trial.sponsor.equals(sponsor)) {
                throw TrialService.missing(trialId);
              }
              if (ENDED.contains(trial.status)) {
                throw Problems.RULE_BROKEN.problem("A " + trial.status + " trial cannot recruit");
              }
            })
        .flatMap(
            trial -> {
              var call = new RecruitmentCall();
              call.id = UUID.randomUUID();
              call.trialId = trial.id;
              call.summary = summary;
              call.open = true;
              call.postedBy = actor.subject();
              call.postedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
              return call.persist()
                  .flatMap(ignored -> view(call, trial))
                  .call(
                      view ->
                          audit.record(
                              new AuditEvent(
                                  actor,
                                  "RecruitmentCall",
                                  call.id.toString(),
                                  "CREATE",
                                  null,
                                  view,
                                  null,
                                  trial.id,
                                  null)));
            });
  }

  /** Closes a call: it leaves the public listing. */
  @WithTransaction
  public Uni<CallView> close(UUID id, Scope scope) {
    var sponsor = TrialService.sponsorOf(scope);
    var actor = scope.actor();
    return RecruitmentCall.<RecruitmentCall>findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> missing(id))
        .flatMap(
            call ->
                Trial.<Trial>findById(call.trialId)
                    .flatMap(
                        trial -> {
                          if (!trial.sponsor.equals(sponsor)) {
                            return Uni.createFrom().failure(missing(id));
                          }
                          if (!call.open) {
                            return Uni.createFrom()
                                .failure(
                                    Problems.ILLEGAL_TRANSITION.problem(
                                        "The call is closed already"));
                          }
                          return view(call, trial)
                              .flatMap(
                                  before -> {
                                    call.open = false;
                                    call.closedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                                    return view(call, trial)
                                        .call(
                                            after ->
                                                audit.record(
                                                    new AuditEvent(
                                                        actor,
                                                        "RecruitmentCall",
                                                        call.id.toString(),
                                                        "CLOSE",
                                                        before,
                                                        after,
                                                        null,
                                                        trial.id,
                                                        null)));
                                  });
                        }));
  }

  @WithSession
  public Uni<CallView> get(UUID id) {
    return RecruitmentCall.<RecruitmentCall>findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> missing(id))
        .flatMap(call -> Trial.<Trial>findById(call.trialId).flatMap(t -> view(call, t)));
  }

  /** Open calls, newest first, filtered by the trial's condition and status and a site's place. */
  @WithSession
  public Uni<PageOf<CallView>> listOpen(
      String condition, TrialStatus status, String country, String city, int page, int size) {
    var where = new StringBuilder("from RecruitmentCall c where c.open = true");
    var params = new Parameters();
    var trialFilter = new ArrayList<String>();
    if (status != null) {
      trialFilter.add("t.status = :status");
      params.and("status", status);
    }
    if (condition != null && !condition.isBlank()) {
      trialFilter.add("lower(t.condition) like :condition");
      params.and("condition", "%" + condition.toLowerCase(Locale.ROOT).strip() + "%");
    }
    if (!trialFilter.isEmpty()) {
      where
          .append(" and exists (select t.id from Trial t where t.id = c.trialId and ")
          .append(String.join(" and ", trialFilter))
          .append(")");
    }
    if ((country != null && !country.isBlank()) || (city != null && !city.isBlank())) {
      where.append(" and exists (select s.code from TrialSite s where s.trialId = c.trialId");
      if (country != null && !country.isBlank()) {
        where.append(" and s.country = :country");
        params.and("country", country.strip().toUpperCase(Locale.ROOT));
      }
      if (city != null && !city.isBlank()) {
        where.append(" and lower(s.city) = :city");
        params.and("city", city.strip().toLowerCase(Locale.ROOT));
      }
      where.append(")");
    }
    var query = where.toString();
    return PageOf.ofAll(
        RecruitmentCall.<RecruitmentCall>find(query + " order by c.postedAt desc, c.id", params),
        this::views,
        page,
        size);
  }

  /** An open call, for a pre-screen; closed or unknown ones look missing. */
  public Uni<RecruitmentCall> open(UUID id) {
    return RecruitmentCall.<RecruitmentCall>findById(id)
        .invoke(
            call -> {
              if (call == null || !call.open) {
                throw missing(id);
              }
            });
  }

  /** The newest open call of a trial, for a pre-screen naming the trial; else 404. */
  public Uni<RecruitmentCall> openForTrial(String trialId) {
    return RecruitmentCall.<RecruitmentCall>find(
            "trialId = ?1 and open = true order by postedAt desc", trialId)
        .firstResult()
        .onItem()
        .ifNull()
        .failWith(() -> TrialService.missing(trialId));
  }

  /** Views of a page of calls, their trials and sites read in one query each. */
  private Uni<List<CallView>> views(List<RecruitmentCall> calls) {
    if (calls.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    var trialIds = calls.stream().map(c -> c.trialId).distinct().toList();
    return Trial.<Trial>list("id in ?1", trialIds)
        .flatMap(
            trials ->
                TrialSite.<TrialSite>list("trialId in ?1 order by code", trialIds)
                    .map(
                        sites -> {
                          var trialById =
                              trials.stream().collect(Collectors.toMap(t -> t.id, t -> t));
                          var sitesByTrial =
                              sites.stream().collect(Collectors.groupingBy(s -> s.trialId));
                          return calls.stream()
                              .map(
                                  c ->
                                      view(
                                          c,
                                          trialById.get(c.trialId),
                                          sitesByTrial.getOrDefault(c.trialId, List.of())))
                              .toList();
                        }));
  }

  private Uni<CallView> view(RecruitmentCall call, Trial trial) {
    return TrialSite.<TrialSite>list("trialId = ?1 order by code", trial.id)
        .map(sites -> view(call, trial, sites));
  }

  private CallView view(RecruitmentCall call, Trial trial, List<TrialSite> sites) {
    var rules = documents.rules(trial);
    return new CallView(
        call.id,
        trial.id,
        trial.protocolCode,
        trial.title,
        trial.phase,
        trial.condition,
        trial.status.name(),
        call.open,
        call.summary,
        sites.stream().map(s -> new CallView.Site(s.code, s.country, s.city)).toList(),
        new CallView.EligibilitySummary(
            rules.stream()
                .filter(r -> r.kind() == CriterionKind.INCLUSION)
                .map(r -> r.message())
                .toList(),
            rules.stream()
                .filter(r -> r.kind() == CriterionKind.EXCLUSION)
                .map(r -> r.message())
                .toList()),
        documents.visitTemplate(trial),
        call.postedAt,
        call.closedAt);
  }

  static Problem missing(UUID id) {
    return Problems.NOT_FOUND.problem("No recruitment call " + id);
  }
}

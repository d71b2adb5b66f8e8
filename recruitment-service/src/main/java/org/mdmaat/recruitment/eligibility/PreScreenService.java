package org.mdmaat.recruitment.eligibility;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.problem.Violation;
import org.mdmaat.platform.security.Scope;
import org.mdmaat.recruitment.Problems;
import org.mdmaat.recruitment.call.RecruitmentCall;
import org.mdmaat.recruitment.call.RecruitmentCallService;
import org.mdmaat.recruitment.trial.Trial;
import org.mdmaat.recruitment.trial.TrialDocuments;
import org.mdmaat.recruitment.trial.TrialService;
import org.mdmaat.recruitment.trial.TrialSite;

/** Runs pre-screens through the trial's rules and keeps the minimum. */
@ApplicationScoped
public class PreScreenService {
  private final RecruitmentCallService calls;
  private final TrialDocuments documents;
  private final AuditTrail audit;

  PreScreenService(RecruitmentCallService calls, TrialDocuments documents, AuditTrail audit) {
    this.calls = calls;
    this.documents = documents;
    this.audit = audit;
  }

  @WithTransaction
  public Uni<PreScreenView> submit(PreScreenRequest request, Actor actor) {
    check(request);
    Uni<RecruitmentCall> call =
        request.recruitmentCallId() != null
            ? calls.open(request.recruitmentCallId())
            : calls.openForTrial(request.trialId());
    return call.flatMap(
        open ->
            Trial.<Trial>findById(open.trialId)
                .flatMap(
                    trial -> {
                      var verdict =
                          EligibilityEngine.evaluate(
                              documents.rules(trial), request.answers().facts());
                      var screen = new PreScreen();
                      screen.id = UUID.randomUUID();
                      screen.trialId = trial.id;
                      screen.recruitmentCallId = open.id;
                      screen.result = verdict.result();
                      screen.criteria =
                          verdict.findings().stream()
                              .map(Finding::criterion)
                              .collect(Collectors.joining(","));
                      screen.consentToContact = request.consentToContact();
                      if (request.consentToContact()) {
                        screen.contactName = request.contact().name();
                        screen.contactEmail = request.contact().email();
                        screen.contactPhone = request.contact().phone();
                      }
                      screen.submittedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                      var view =
                          new PreScreenView(
                              screen.id,
                              trial.id,
                              open.id,
                              verdict.result(),
                              verdict.findings(),
                              screen.consentToContact,
                              screen.submittedAt);
                      // The audit keeps the outcome, never the contact details.
                      var state =
                          Map.of(
                              "result",
                              screen.result.name(),
                              "criteria",
                              screen.criteria,
                              "consentToContact",
                              screen.consentToContact,
                              "recruitmentCallId",
                              open.id.toString());
                      return screen
                          .persist()
                          .call(
                              () ->
                                  audit.record(
                                      new AuditEvent(
                                          actor,
                                          "PreScreen",
                                          screen.id.toString(),
                                          "CREATE",
                                          null,
                                          state,
                                          null,
                                          trial.id,
                                          null)))
                          .replaceWith(view);
                    }));
  }

  /**
   * Pre-screens of {@code trialId} whose candidates consented to be contacted, newest first, for a
   * coordinator at one of the trial's sites (else 404).
   */
  @WithSession
  public Uni<PageOf<ContactRequestView>> contactRequests(
      String trialId, Scope scope, int page, int size) {
    var sites = scope.sites();
    if (sites.isEmpty()) {
      return Uni.createFrom().failure(TrialService.missing(trialId));
    }
    return TrialSite.count("trialId = ?1 and code in ?2", trialId, sites)
        .flatMap(
            atSite -> {
              if (atSite == 0) {
                return Uni.createFrom().failure(TrialService.missing(trialId));
              }
              var query = "trialId = ?1 and consentToContact = true";
              return PageOf.of(
                  PreScreen.<PreScreen>find(query + " order by submittedAt desc, id", trialId),
                  ContactRequestView::of,
                  page,
                  size);
            });
  }

  private static void check(PreScreenRequest request) {
    var violations = new ArrayList<Violation>();
    if ((request.recruitmentCallId() == null) == (request.trialId() == null)) {
      violations.add(
          new Violation("recruitmentCallId", "give either recruitmentCallId or trialId"));
    }
    if (request.answers().pcl5Inconsistent()) {
      violations.add(
          new Violation("answers.pcl5Total", "does not equal the sum of answers.pcl5Items"));
    }
    if (request.consentToContact() && request.contact() == null) {
      violations.add(new Violation("contact", "needed when consentToContact is true"));
    }
    if (request.consentToContact()
        && request.contact() != null
        && request.contact().email() == null
        && request.contact().phone() == null) {
      violations.add(new Violation("contact", "give an email address or a phone number"));
    }
    if (!request.consentToContact() && request.contact() != null) {
      violations.add(
          new Violation("contact", "contact details are kept only with consentToContact"));
    }
    if (!violations.isEmpty()) {
      throw Problems.RULE_BROKEN.problem("The pre-screen cannot be evaluated", violations);
    }
  }
}

package org.mdmaat.safety.followup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.problem.Violation;
import org.mdmaat.platform.security.Roles;
import org.mdmaat.platform.security.Scope;
import org.mdmaat.safety.Problems;
import org.mdmaat.safety.adverse.AdverseEventCategory;
import org.mdmaat.safety.adverse.AdverseEventDetails;
import org.mdmaat.safety.adverse.AdverseEventService;
import org.mdmaat.safety.participant.KnownParticipant;

/**
 * The solicited positive-effects checklist after each dosing session: every effect asked by name,
 * each positive answer recorded as an adverse event of the positive/abuse-related category, in one
 * transaction with the checklist and its audit entry. A dosing session safety-service was told of
 * without a checklist is outstanding.
 */
@ApplicationScoped
public class PositiveEffectsChecklists {
  private final AdverseEventService adverseEvents;
  private final AuditTrail audit;
  private final ObjectMapper json;

  PositiveEffectsChecklists(
      AdverseEventService adverseEvents, AuditTrail audit, ObjectMapper json) {
    this.adverseEvents = adverseEvents;
    this.audit = audit;
    this.json = json;
  }

  /** One answer as kept: the adverse event a positive answer became. */
  public record AnswerView(SolicitedPositiveEffect effect, boolean present, UUID adverseEventId) {}

  public record ChecklistView(
      String sessionId,
      String participantCode,
      String trialId,
      String siteCode,
      Instant askedAt,
      List<AnswerView> answers,
      String recordedBy,
      Instant recordedAt) {}

  /** A dosing session still owing its checklist. */
  public record OutstandingView(
      String sessionId,
      String participantCode,
      String trialId,
      String siteCode,
      LocalDate dosedOn) {}

  /**
   * Records the checklist of a dosing session at one of the caller's sites (another site's, or a
   * session never dosed as far as safety-service knows: 404). Once per session (409).
   */
  @WithTransaction
  public Uni<ChecklistView> record(PositiveEffectsChecklistRequest request, Scope scope) {
    var actor = scope.actor();
    boolean investigator = scope.hasRole(Roles.INVESTIGATOR);
    return DosingSession.<DosingSession>findById(request.sessionId())
        .flatMap(
            session -> {
              if (session == null || !scope.worksAt(session.siteCode)) {
                throw Problems.DOSING_SESSION_NOT_FOUND.problem(
                    "No dosing session " + request.sessionId());
              }
              check(request);
              return PositiveEffectsChecklist.<PositiveEffectsChecklist>findById(session.sessionId)
                  .flatMap(
                      existing -> {
                        if (existing != null) {
                          throw Problems.CHECKLIST_RECORDED.problem(
                              "The positive-effects checklist of session "
                                  + session.sessionId
                                  + " was already recorded");
                        }
                        return store(session, request, actor, investigator);
                      });
            });
  }

  private Uni<ChecklistView> store(
      DosingSession session,
      PositiveEffectsChecklistRequest request,
      Actor actor,
      boolean investigator) {
    var participant =
        new KnownParticipant(session.participantCode, session.trialId, session.siteCode);
    // Kept in the order asked, each positive answer with the adverse event it became.
    var slots = new AnswerView[request.answers().size()];
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (int i = 0; i < slots.length; i++) {
      var answer = request.answers().get(i);
      final int slot = i;
      if (!answer.present()) {
        slots[slot] = new AnswerView(answer.effect(), false, null);
        continue;
      }
      var details =
          new AdverseEventDetails(
              answer.effect().term,
              null,
              Set.of(AdverseEventCategory.POSITIVE_ABUSE_RELATED),
              answer.onset(),
              request.askedAt(),
              answer.grade(),
              Set.of(),
              answer.relatedness(),
              answer.expected(),
              answer.outcome(),
              answer.description(),
              null);
      chain =
          chain.call(
              () ->
                  adverseEvents
                      .reportWithin(participant, session.sessionId, details, actor, investigator)
                      .invoke(e -> slots[slot] = new AnswerView(answer.effect(), true, e.id)));
    }
    return chain.chain(
        () -> {
          var answers = List.of(slots);
          var checklist = new PositiveEffectsChecklist();
          checklist.sessionId = session.sessionId;
          checklist.participantCode = session.participantCode;
          checklist.trialId = session.trialId;
          checklist.siteCode = session.siteCode;
          checklist.askedAt = request.askedAt().toInstant().truncatedTo(ChronoUnit.MICROS);
          checklist.positiveCount = (int) answers.stream().filter(AnswerView::present).count();
          checklist.recordedBy = actor.subject();
          checklist.recordedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
          try {
            checklist.answers = json.writeValueAsString(answers);
          } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
          }
          var view = view(checklist);
          return checklist
              .persist()
              .call(
                  () ->
                      audit.record(
                          new AuditEvent(
                              actor,
                              "PositiveEffectsChecklist",
                              checklist.sessionId,
                              "CREATE",
                              null,
                              view,
                              null,
                              checklist.trialId,
                              checklist.participantCode)))
              .replaceWith(view);
        });
  }

  /** Every effect answered once; a positive one with the facts its adverse event needs. */
  private static void check(PositiveEffectsChecklistRequest request) {
    var violations = new ArrayList<Violation>();
    if (request.askedAt().toInstant().isAfter(Instant.now().plus(5, ChronoUnit.MINUTES))) {
      violations.add(new Violation("askedAt", "lies in the future"));
    }
    var answered = EnumSet.noneOf(SolicitedPositiveEffect.class);
    for (int i = 0; i < request.answers().size(); i++) {
      var a = request.answers().get(i);
      var at = "answers[" + i + "].";
      if (!answered.add(a.effect())) {
        violations.add(new Violation(at + "effect", a.effect() + " is answered twice"));
      }
      if (a.present()) {
        if (a.grade() == null) {
          violations.add(new Violation(at + "grade", "a present effect needs its grade"));
        }
        if (a.onset() == null) {
          violations.add(new Violation(at + "onset", "a present effect needs its onset"));
        } else if (a.onset().toInstant().isAfter(request.askedAt().toInstant())) {
          violations.add(new Violation(at + "onset", "lies after the participant was asked"));
        }
        if (a.relatedness() == null) {
          violations.add(new Violation(at + "relatedness", "a present effect needs it"));
        }
        if (a.expected() == null) {
          violations.add(new Violation(at + "expected", "a present effect needs it"));
        }
        if (a.outcome() == null) {
          violations.add(new Violation(at + "outcome", "a present effect needs it"));
        }
      }
    }
    for (var effect : SolicitedPositiveEffect.values()) {
      if (!answered.contains(effect)) {
        violations.add(new Violation("answers", effect + " was not asked"));
      }
    }
    if (!violations.isEmpty()) {
      throw Problems.CHECKLIST_INCOMPLETE.problem(
          "The positive-effects checklist is incomplete", violations);
    }
  }

  /** The checklist of a dosing session at one of the caller's sites. */
  @WithSession
  public Uni<ChecklistView> get(String sessionId, Scope scope) {
    return PositiveEffectsChecklist.<PositiveEffectsChecklist>findById(sessionId)
        .map(
            c -> {
              if (c == null || !scope.worksAt(c.siteCode)) {
                throw Problems.DOSING_SESSION_NOT_FOUND.problem(
                    "No positive-effects checklist of session " + sessionId);
              }
              return view(c);
            });
  }

  /** A site's dosing sessions without a checklist, oldest dose first (another site: 404). */
  @WithSession
  public Uni<PageOf<OutstandingView>> outstanding(
      String siteCode, String participantCode, Scope scope, int page, int size) {
    scope.requireSite(siteCode);
    // Aliased: an unqualified sessionId inside the subquery would name the checklist's own.
    var query =
        new StringBuilder(
            "from DosingSession s where s.siteCode = :site and not exists"
                + " (select 1 from PositiveEffectsChecklist c where c.sessionId = s.sessionId)");
    var params = new HashMap<String, Object>();
    params.put("site", siteCode);
    if (participantCode != null) {
      query.append(" and s.participantCode = :participant");
      params.put("participant", participantCode);
    }
    return PageOf.of(
        DosingSession.<DosingSession>find(
            query.toString(), Sort.ascending("s.dosedOn", "s.sessionId"), params),
        s -> new OutstandingView(s.sessionId, s.participantCode, s.trialId, s.siteCode, s.dosedOn),
        page,
        size);
  }

  private ChecklistView view(PositiveEffectsChecklist c) {
    List<AnswerView> answers;
    try {
      answers = json.readValue(c.answers, new TypeReference<List<AnswerView>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return new ChecklistView(
        c.sessionId,
        c.participantCode,
        c.trialId,
        c.siteCode,
        c.askedAt,
        answers,
        c.recordedBy,
        c.recordedAt);
  }
}

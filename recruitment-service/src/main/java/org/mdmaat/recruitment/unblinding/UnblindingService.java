package org.mdmaat.recruitment.unblinding;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.Topics;
import org.mdmaat.contracts.events.TrialUnblinded;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;
import org.mdmaat.platform.outbox.Outbox;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.problem.Violation;
import org.mdmaat.platform.security.Roles;
import org.mdmaat.platform.security.Scope;
import org.mdmaat.platform.signature.ElectronicSignature;
import org.mdmaat.platform.signature.SignedRecord;
import org.mdmaat.recruitment.Problems;
import org.mdmaat.recruitment.trial.Trial;
import org.mdmaat.recruitment.trial.TrialService;

/**
 * Whole-trial unblinding as a governed, two-person act: one person requests it on allowed grounds
 * (database lock, or a DSMB recommendation to stop early), a second person in an unblinded role
 * approves it, and both sign with a fresh login. Only the approval unblinds, audits and announces
 * (TrialUnblinded). Every refusal names the missing precondition and discloses nothing.
 */
@ApplicationScoped
public class UnblindingService {
  private final TrialService trials;
  private final AuditTrail audit;
  private final Outbox outbox;
  private final ObjectMapper json;

  UnblindingService(TrialService trials, AuditTrail audit, Outbox outbox, ObjectMapper json) {
    this.trials = trials;
    this.audit = audit;
    this.outbox = outbox;
    this.json = json;
  }

  /**
   * A request by the caller of {@code scope}; {@code signer} signs it for them (it may refuse: a
   * login too old, no name).
   */
  @WithTransaction
  public Uni<UnblindingView> request(
      String trialId,
      UnblindingRequests.Request body,
      Scope scope,
      Function<SignedRecord, ElectronicSignature> signer) {
    return trials
        .ownedForUpdate(trialId, TrialService.sponsorOf(scope))
        .invoke(UnblindingService::stillBlinded)
        .call(
            trial ->
                UnblindingRequest.count(
                        "trialId = ?1 and status = ?2", trial.id, UnblindingStatus.REQUESTED)
                    .invoke(
                        open -> {
                          if (open > 0) {
                            throw Problems.UNBLINDING_ALREADY_REQUESTED.problem(
                                "Trial "
                                    + trial.id
                                    + " already has an open unblinding request; approve or"
                                    + " reject it first");
                          }
                        }))
        .flatMap(
            trial -> {
              groundsHold(
                  trial, body.grounds(), body.dsmbRecommendation(), scope.hasRole(Roles.DSMB));
              var request = new UnblindingRequest();
              request.id = UUID.randomUUID();
              request.trialId = trial.id;
              request.grounds = body.grounds();
              request.reason = body.reason();
              request.dsmbRecommendation = blankToNull(body.dsmbRecommendation());
              request.status = UnblindingStatus.REQUESTED;
              request.requestedBy = scope.actor().subject();
              // Signed before anything is written: a refused signature leaves nothing behind.
              var signature =
                  signer.apply(
                      new SignedRecord(
                          "UnblindingRequest", request.id.toString(), request.signedContent()));
              request.requestedAt = signature.signedAt();
              request.requestSignature = write(signature);
              var view = view(request);
              return request
                  .<UnblindingRequest>persist()
                  .call(
                      () ->
                          audit.record(
                              new AuditEvent(
                                  scope.actor(),
                                  "UnblindingRequest",
                                  request.id.toString(),
                                  "REQUEST",
                                  null,
                                  view,
                                  request.reason,
                                  trial.id,
                                  null)))
                  .replaceWith(view);
            });
  }

  /**
   * The approval of the caller of {@code scope}, whose identity provider id is {@code approverId}
   * (a second person: neither the requester's username nor their id); {@code signer} signs it.
   */
  @WithTransaction
  public Uni<UnblindingView> approve(
      String trialId,
      UUID requestId,
      Scope scope,
      String approverId,
      Function<SignedRecord, ElectronicSignature> signer) {
    var approver = scope.actor();
    return trials
        .ownedForUpdate(trialId, TrialService.sponsorOf(scope))
        .flatMap(
            trial ->
                open(trial, requestId)
                    .flatMap(
                        request -> {
                          secondPerson(request, approverId, approver.subject());
                          stillBlinded(trial);
                          // The grounds must still hold now: an unlock since the request counts.
                          // Only a DSMB member could make an early-stop request: checked then.
                          groundsHold(trial, request.grounds, request.dsmbRecommendation, true);
                          var before = view(request);
                          var signature = signer.apply(decisionRecord(request, "APPROVED", null));
                          request.status = UnblindingStatus.APPROVED;
                          request.decidedBy = approver.subject();
                          request.decidedAt = signature.signedAt();
                          request.decisionSignature = write(signature);
                          return trials
                              .view(trial)
                              .flatMap(
                                  trialBefore -> {
                                    trial.unblindedAt = signature.signedAt();
                                    trial.unblindedBy = approver.subject();
                                    trial.unblindingReason = request.reason;
                                    trial.unblindingRequestId = request.id;
                                    return trials
                                        .view(trial)
                                        .call(
                                            trialAfter ->
                                                audit.record(
                                                    new AuditEvent(
                                                        approver,
                                                        "Trial",
                                                        trial.id,
                                                        "UNBLIND",
                                                        trialBefore,
                                                        trialAfter,
                                                        request.reason,
                                                        trial.id,
                                                        null)));
                                  })
                              .call(() -> decided(request, before, "APPROVE", approver))
                              .call(() -> announce(trial, request))
                              .map(ignored -> view(request));
                        }));
  }

  /** The rejection of the caller of {@code scope}; {@code signer} signs it. */
  @WithTransaction
  public Uni<UnblindingView> reject(
      String trialId,
      UUID requestId,
      UnblindingRequests.Rejection body,
      Scope scope,
      Function<SignedRecord, ElectronicSignature> signer) {
    var actor = scope.actor();
    return trials
        .ownedForUpdate(trialId, TrialService.sponsorOf(scope))
        .flatMap(
            trial ->
                open(trial, requestId)
                    .flatMap(
                        request -> {
                          var before = view(request);
                          var signature =
                              signer.apply(decisionRecord(request, "REJECTED", body.reason()));
                          request.status = UnblindingStatus.REJECTED;
                          request.decidedBy = actor.subject();
                          request.decidedAt = signature.signedAt();
                          request.decisionReason = body.reason();
                          request.decisionSignature = write(signature);
                          return decided(request, before, "REJECT", actor)
                              .map(ignored -> view(request));
                        }));
  }

  /** The trial's unblinding requests, newest first: for its sponsor's people and regulators. */
  @WithSession
  public Uni<PageOf<UnblindingView>> list(String trialId, Scope scope, int page, int size) {
    return visible(trialId, scope)
        .flatMap(
            trial ->
                PageOf.of(
                    UnblindingRequest.<UnblindingRequest>find(
                        "trialId", Sort.descending("requestedAt").and("id"), trial.id),
                    this::view,
                    page,
                    size));
  }

  @WithSession
  public Uni<UnblindingView> get(String trialId, UUID requestId, Scope scope) {
    return visible(trialId, scope)
        .flatMap(trial -> UnblindingRequest.<UnblindingRequest>findById(requestId))
        .map(
            request -> {
              if (request == null || !request.trialId.equals(trialId)) {
                throw Problems.NOT_FOUND.problem("No unblinding request " + requestId);
              }
              return view(request);
            });
  }

  private Uni<Trial> visible(String trialId, Scope scope) {
    return trials
        .find(trialId)
        .invoke(
            trial -> {
              if (!scope.hasRole(Roles.REGULATOR) && !scope.belongsTo(trial.sponsor)) {
                throw TrialService.missing(trialId);
              }
            });
  }

  private Uni<UnblindingRequest> open(Trial trial, UUID requestId) {
    return UnblindingRequest.<UnblindingRequest>findById(requestId, LockModeType.PESSIMISTIC_WRITE)
        .map(
            request -> {
              if (request == null || !request.trialId.equals(trial.id)) {
                throw Problems.NOT_FOUND.problem("No unblinding request " + requestId);
              }
              if (request.status != UnblindingStatus.REQUESTED) {
                throw Problems.ILLEGAL_TRANSITION.problem(
                    "The unblinding request was " + request.status + " already");
              }
              return request;
            });
  }

  private static void stillBlinded(Trial trial) {
    if (!trial.blinded()) {
      throw Problems.ILLEGAL_TRANSITION.problem(
          "The trial was unblinded already, at " + trial.unblindedAt);
    }
  }

  /** Throws the problem naming the missing precondition of {@code grounds}. */
  private static void groundsHold(
      Trial trial, UnblindingGrounds grounds, String recommendation, boolean requestedByDsmb) {
    switch (grounds) {
      case DATA_LOCK -> {
        if (trial.outcomeDataLockedAt == null) {
          throw Problems.DATA_NOT_LOCKED.problem(
              "The trial's outcome data is not locked. Unblinding on these grounds needs the"
                  + " database lock, which the sponsor sets in outcomes-service after the last"
                  + " participant's primary endpoint.");
        }
      }
      case DSMB_EARLY_STOP -> {
        if (!requestedByDsmb) {
          throw Problems.NO_DSMB_RECOMMENDATION.problem(
              "Unblinding to stop early needs the DSMB's recommendation: a DSMB member makes the"
                  + " request.");
        }
        if (blankToNull(recommendation) == null) {
          throw Problems.NO_DSMB_RECOMMENDATION.problem(
              "Name the DSMB's recommendation to stop early (e.g. its meeting minutes).",
              List.of(new Violation("dsmbRecommendation", "is required for DSMB_EARLY_STOP")));
        }
      }
    }
  }

  private void secondPerson(UnblindingRequest request, String approverId, String approver) {
    var requester = read(request.requestSignature);
    if (requester.signerId().equals(approverId) || request.requestedBy.equals(approver)) {
      throw Problems.SECOND_PERSON_REQUIRED.problem(
          "The person who requested the unblinding cannot approve it; a second person in an"
              + " unblinded role (DSMB or unblinded statistician) must.");
    }
  }

  private SignedRecord decisionRecord(UnblindingRequest request, String decision, String reason) {
    var content = new LinkedHashMap<String, Object>();
    content.put("request", request.signedContent());
    content.put("requestSignatureHash", read(request.requestSignature).contentHash());
    content.put("decision", decision);
    content.put("reason", reason);
    return new SignedRecord("UnblindingDecision", request.id.toString(), content);
  }

  private Uni<?> decided(
      UnblindingRequest request, UnblindingView before, String action, Actor actor) {
    return audit.record(
        new AuditEvent(
            actor,
            "UnblindingRequest",
            request.id.toString(),
            action,
            before,
            view(request),
            request.decisionReason == null ? request.reason : request.decisionReason,
            request.trialId,
            null));
  }

  private Uni<Void> announce(Trial trial, UnblindingRequest request) {
    var event =
        EventEnvelope.of(
            EventTypes.TRIAL_UNBLINDED,
            TrialService.SOURCE,
            trial.id,
            null,
            json.valueToTree(
                new TrialUnblinded(
                    trial.id,
                    request.decidedBy,
                    request.reason,
                    trial.unblindedAt,
                    request.requestedBy,
                    request.grounds.name())));
    return outbox.publish(Topics.TRIALS, trial.id, event);
  }

  UnblindingView view(UnblindingRequest r) {
    return new UnblindingView(
        r.id,
        r.trialId,
        r.grounds,
        r.reason,
        r.dsmbRecommendation,
        r.status,
        r.requestedBy,
        r.requestedAt,
        read(r.requestSignature),
        r.decidedBy,
        r.decidedAt,
        r.decisionReason,
        read(r.decisionSignature));
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }

  private String write(ElectronicSignature signature) {
    try {
      return json.writeValueAsString(signature);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a signature", e);
    }
  }

  private ElectronicSignature read(String text) {
    if (text == null) {
      return null;
    }
    try {
      return json.readValue(text, ElectronicSignature.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored signature cannot be read", e);
    }
  }
}

package org.mdmaat.recruitment.participant;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.jboss.logging.Logger;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.ParticipantEnrolled;
import org.mdmaat.contracts.events.ParticipantWithdrawn;
import org.mdmaat.contracts.events.Topics;
import org.mdmaat.contracts.grpc.outcomes.ScreeningCaps5;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;
import org.mdmaat.platform.outbox.Outbox;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.problem.Problem;
import org.mdmaat.platform.problem.Violation;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Scope;
import org.mdmaat.platform.signature.SignatureMeaning;
import org.mdmaat.platform.signature.Signatures;
import org.mdmaat.recruitment.Problems;
import org.mdmaat.recruitment.eligibility.PreScreen;
import org.mdmaat.recruitment.trial.Trial;
import org.mdmaat.recruitment.trial.TrialService;
import org.mdmaat.recruitment.trial.TrialSite;

/**
 * The candidate-to-participant lifecycle at a site. Each move is one transaction with its audit
 * entry (name and contact redacted) and, where other services need it, its event.
 */
@ApplicationScoped
public class ParticipantService {
  private static final Set<ParticipantStatus> BY_STATUS_ENDPOINT =
      Set.of(
          ParticipantStatus.IN_TREATMENT,
          ParticipantStatus.COMPLETED,
          ParticipantStatus.WITHDRAWN,
          ParticipantStatus.SCREEN_FAILED);

  private final AuditTrail audit;
  private final Outbox outbox;
  private final ObjectMapper json;
  private static final Logger LOG = Logger.getLogger(ParticipantService.class);

  private final Signatures signatures;
  private final ScreeningCaps5Client screening;
  // Subgroup facts for outcomes-service (issue 16): announced at enrollment and on corrections.
  private final SubgroupAnnouncements subgroups;

  ParticipantService(
      AuditTrail audit,
      Outbox outbox,
      ObjectMapper json,
      Signatures signatures,
      ScreeningCaps5Client screening,
      SubgroupAnnouncements subgroups) {
    this.subgroups = subgroups;
    this.signatures = signatures;
    this.screening = screening;
    this.audit = audit;
    this.outbox = outbox;
    this.json = json;
  }

  @WithTransaction
  public Uni<ParticipantView> register(Requests.RegisterCandidate request, Scope scope) {
    if (!scope.worksAt(request.siteCode())) {
      return Uni.createFrom().failure(TrialService.missing(request.trialId()));
    }
    return Trial.<Trial>findById(request.trialId())
        .flatMap(
            trial ->
                trial == null
                    ? Uni.createFrom().<Trial>failure(TrialService.missing(request.trialId()))
                    : TrialSite.count("trialId = ?1 and code = ?2", trial.id, request.siteCode())
                        .map(
                            n -> {
                              // A site not in the trial: the trial is not the caller's to see.
                              if (n == 0) {
                                throw TrialService.missing(request.trialId());
                              }
                              return trial;
                            }))
        .call(
            trial ->
                request.preScreenId() == null
                    ? Uni.createFrom().voidItem()
                    : PreScreen.count("id = ?1 and trialId = ?2", request.preScreenId(), trial.id)
                        .invoke(
                            n -> {
                              if (n == 0) {
                                throw Problems.RULE_BROKEN.problem(
                                    "No pre-screen " + request.preScreenId() + " for this trial",
                                    List.of(
                                        new Violation("preScreenId", "unknown for this trial")));
                              }
                            }))
        .flatMap(
            trial -> {
              if (!trial.status.enrolling()) {
                return Uni.createFrom()
                    .failure(
                        Problems.TRIAL_NOT_ENROLLING.problem(
                            "The trial is " + trial.status + " and takes no new candidates",
                            List.of(new Violation("trialId", "trial is " + trial.status))));
              }
              var now = now();
              var p = new Participant();
              p.code = ParticipantCodes.next();
              p.trialId = trial.id;
              p.siteCode = request.siteCode();
              p.status = ParticipantStatus.SCREENING;
              p.fullName = request.fullName();
              p.email = request.email();
              p.phone = request.phone();
              p.preScreenId = request.preScreenId();
              p.weightKg = request.weightKg();
              p.dissociativeSubtype = request.dissociativeSubtype();
              p.veteran = request.veteran();
              p.combatExposure = request.combatExposure();
              p.traumaticBrainInjury = request.traumaticBrainInjury();
              p.sex = request.sex();
              p.childbearingPotential = request.childbearingPotential();
              p.createdAt = now;
              p.updatedAt = now;
              return p.persist()
                  .call(
                      () ->
                          audit.record(
                              new AuditEvent(
                                  scope.actor(),
                                  "Participant",
                                  p.code,
                                  "CREATE",
                                  null,
                                  ParticipantView.of(p).redacted(),
                                  null,
                                  p.trialId,
                                  p.code)))
                  .map(ignored -> ParticipantView.of(p));
            });
  }

  @WithSession
  public Uni<ParticipantView> get(String code, Scope scope) {
    return visible(code, scope).map(ParticipantView::of);
  }

  @WithSession
  public Uni<PageOf<ParticipantView>> list(
      String trialId, String siteCode, ParticipantStatus status, int page, int size) {
    var where = new StringBuilder("siteCode = :site");
    var params = Parameters.with("site", siteCode);
    if (trialId != null) {
      where.append(" and trialId = :trial");
      params.and("trial", trialId);
    }
    if (status != null) {
      where.append(" and status = :status");
      params.and("status", status);
    }
    var query = where.toString();
    return PageOf.of(
        Participant.<Participant>find(query + " order by createdAt desc, code", params),
        ParticipantView::of,
        page,
        size);
  }

  /** Participants at any of the caller's sites, of {@code trialId} if given; newest first. */
  @WithSession
  public Uni<PageOf<ParticipantView>> atSites(Scope scope, String trialId, int page, int size) {
    if (scope.sites().isEmpty()) {
      return Uni.createFrom().item(new PageOf<>(List.of(), page, size, 0));
    }
    var where = new StringBuilder("siteCode in :sites");
    var params = Parameters.with("sites", scope.sites());
    if (trialId != null) {
      where.append(" and trialId = :trial");
      params.and("trial", trialId);
    }
    return PageOf.of(
        Participant.<Participant>find(where + " order by createdAt desc, code", params),
        ParticipantView::of,
        page,
        size);
  }

  /**
   * The investigator's signed decision that a consented candidate is eligible: signed with a fresh
   * login, named as the identity provider names them, bound to the participant's screening record
   * and the screening CAPS-5 it rests on. Order: the participant (404) must be consented (409,
   * naming consent); the trial's screening CAPS-5 threshold set (422); outcomes-service asked for
   * the screening CAPS-5 (no answer: 503), which must exist for this trial (422), meet the
   * threshold (422) and the DSM-5 diagnosis (422); then the signature, the move and its audit entry
   * in one transaction. The gRPC call is made between the two, never inside a transaction; any
   * refusal records nothing.
   */
  public Uni<ParticipantView> signEligibility(
      String code, SignatureMeaning meaning, Caller caller) {
    var scope = caller.scope();
    return Panache.withSession(
            () ->
                visible(code, scope)
                    .flatMap(
                        p -> {
                          if (!p.status.canMoveTo(ParticipantStatus.ELIGIBLE)) {
                            throw illegal(p, ParticipantStatus.ELIGIBLE);
                          }
                          return Trial.<Trial>findById(p.trialId);
                        }))
        .chain(
            trial -> {
              if (trial.screeningCaps5MinTotal == null) {
                throw Problems.NO_SCREENING_THRESHOLD.problem(
                    "Trial "
                        + trial.id
                        + " has no screening CAPS-5 threshold: the sponsor sets it before anyone"
                        + " can be signed eligible",
                    List.of(
                        new Violation("trial.eligibility.screeningCaps5MinTotal", "is not set")));
              }
              int minTotal = trial.screeningCaps5MinTotal;
              return screening
                  .screeningCaps5(code)
                  .onFailure()
                  .transform(
                      failure -> {
                        LOG.warnf(
                            "ScreeningAssessments gave no answer for %s: %s",
                            code, failure.toString());
                        return Problems.OUTCOMES_UNAVAILABLE.problem(
                            "The screening CAPS-5 cannot be confirmed: outcomes-service did not"
                                + " answer; nothing was signed");
                      })
                  .map(caps5 -> qualifying(code, trial.id, minTotal, caps5));
            })
        .chain(
            evidence ->
                Panache.withTransaction(
                    () ->
                        transition(
                            code,
                            scope,
                            ParticipantStatus.ELIGIBLE,
                            meaning.name()
                                + "; screening CAPS-5 "
                                + evidence.total()
                                + " (threshold "
                                + evidence.minTotal()
                                + ", PTSD diagnosis met) by "
                                + evidence.ratedBy(),
                            p -> {
                              var signature =
                                  signatures.sign(
                                      caller,
                                      meaning,
                                      StoredSignatures.eligibilityRecord(p, evidence));
                              p.eligibilitySignedBy = signature.signerUsername();
                              p.eligibilitySignerName = signature.signerName();
                              p.eligibilityMeaning = meaning.name();
                              p.eligibilitySignedAt = signature.signedAt();
                              p.eligibilitySignature = StoredSignatures.write(signature);
                            },
                            null)));
  }

  /** The screening CAPS-5 if it qualifies the candidate; else 422 naming what is missing. */
  private static ScreeningEvidence qualifying(
      String code, String trialId, int minTotal, ScreeningCaps5 caps5) {
    if (!caps5.getFound() || !trialId.equals(caps5.getTrialId())) {
      throw Problems.NO_SCREENING_CAPS5.problem(
          "No screening CAPS-5 of " + code + " is recorded by a rater in outcomes-service",
          List.of(new Violation("screeningCaps5", "not recorded")));
    }
    if (caps5.getTotal() < minTotal) {
      throw Problems.CAPS5_BELOW_THRESHOLD.problem(
          "The screening CAPS-5 total "
              + caps5.getTotal()
              + " is below the trial's threshold "
              + minTotal,
          List.of(
              new Violation("screeningCaps5.total", "below the trial's threshold " + minTotal)));
    }
    if (!caps5.getPtsdDiagnosis()) {
      throw Problems.PTSD_DIAGNOSIS_NOT_MET.problem(
          "The screening CAPS-5 does not meet the DSM-5 PTSD diagnostic rule",
          List.of(new Violation("screeningCaps5.ptsdDiagnosis", "not met")));
    }
    return new ScreeningEvidence(
        caps5.getAssessmentId(), caps5.getTotal(), minTotal, true, caps5.getRatedBy());
  }

  /**
   * SCREENING to CONSENTED: before any study-specific screening procedure (ICH E6). Records the
   * form version, the date signed, and who recorded it when.
   */
  @WithTransaction
  public Uni<ParticipantView> consent(String code, Requests.Consent consent, Scope scope) {
    if (consent.consentDate().isAfter(LocalDate.now(ZoneOffset.UTC).plusDays(1))) {
      // One day of slack: the site's local date may be ahead of UTC.
      return Uni.createFrom()
          .failure(
              Problems.RULE_BROKEN.problem(
                  "Consent cannot be dated in the future",
                  List.of(new Violation("consentDate", "is in the future"))));
    }
    return transition(
        code,
        scope,
        ParticipantStatus.CONSENTED,
        "consent form " + consent.formVersion(),
        p -> {
          p.consentFormVersion = consent.formVersion();
          p.consentDate = consent.consentDate();
          p.consentRecordedBy = scope.actor().subject();
          p.consentRecordedAt = p.updatedAt;
        },
        null);
  }

  @WithTransaction
  public Uni<ParticipantView> enroll(String code, Scope scope) {
    return visible(code, scope)
        .flatMap(
            p ->
                Trial.<Trial>findById(p.trialId)
                    .flatMap(
                        trial -> {
                          if (!trial.status.enrolling()) {
                            return Uni.createFrom()
                                .failure(
                                    Problems.TRIAL_NOT_ENROLLING.problem(
                                        "The trial is " + trial.status + " and enrols no one"));
                          }
                          return move(
                                  p,
                                  scope.actor(),
                                  ParticipantStatus.ENROLLED,
                                  null,
                                  q -> q.enrolledAt = now(),
                                  q ->
                                      envelope(
                                          EventTypes.PARTICIPANT_ENROLLED,
                                          q,
                                          new ParticipantEnrolled(
                                              q.code, q.trialId, q.siteCode, q.enrolledAt)))
                              .call(() -> subgroups.announce(p, null));
                        }));
  }

  /**
   * Updates weight, subgroup facts, sex and childbearing potential. The dissociative subtype is
   * fixed once the participant was randomized into a stratum by it.
   */
  @WithTransaction
  public Uni<ParticipantView> updateCharacteristics(
      String code, Requests.Characteristics update, Scope scope) {
    return visible(code, scope)
        .flatMap(
            p ->
                Trial.<Trial>findById(p.trialId)
                    .flatMap(
                        trial -> {
                          boolean subtypeChanges =
                              update.dissociativeSubtype() != null
                                  && update.dissociativeSubtype() != p.dissociativeSubtype;
                          if (subtypeChanges && p.kitCode != null && trial.stratifyBySubtype) {
                            return Uni.createFrom()
                                .failure(
                                    Problems.ILLEGAL_TRANSITION.problem(
                                        "dissociativeSubtype is the stratum of a randomized"
                                            + " participant and cannot change"));
                          }
                          var before = ParticipantView.of(p).redacted();
                          if (update.weightKg() != null) {
                            p.weightKg = update.weightKg();
                          }
                          if (update.dissociativeSubtype() != null) {
                            p.dissociativeSubtype = update.dissociativeSubtype();
                          }
                          if (update.veteran() != null) {
                            p.veteran = update.veteran();
                          }
                          if (update.combatExposure() != null) {
                            p.combatExposure = update.combatExposure();
                          }
                          if (update.traumaticBrainInjury() != null) {
                            p.traumaticBrainInjury = update.traumaticBrainInjury();
                          }
                          if (update.sex() != null) {
                            p.sex = update.sex();
                          }
                          if (update.childbearingPotential() != null) {
                            p.childbearingPotential = update.childbearingPotential();
                          }
                          p.updatedAt = now();
                          var after = ParticipantView.of(p);
                          return audit
                              .record(
                                  new AuditEvent(
                                      scope.actor(),
                                      "Participant",
                                      p.code,
                                      "UPDATE",
                                      before,
                                      after.redacted(),
                                      update.reason(),
                                      p.trialId,
                                      p.code))
                              .call(() -> subgroups.announce(p, update.reason()))
                              .replaceWith(after);
                        }));
  }

  /** IN_TREATMENT, COMPLETED, WITHDRAWN (with reason) or SCREEN_FAILED (with reason). */
  @WithTransaction
  public Uni<ParticipantView> changeStatus(String code, Requests.StatusChange change, Scope scope) {
    var target = change.status();
    if (!BY_STATUS_ENDPOINT.contains(target)) {
      return Uni.createFrom()
          .failure(
              Problems.INVALID_INPUT.problem(
                  target + " has its own endpoint",
                  List.of(new Violation("status", "must be one of " + BY_STATUS_ENDPOINT))));
    }
    boolean ending =
        target == ParticipantStatus.WITHDRAWN || target == ParticipantStatus.SCREEN_FAILED;
    if (ending && (change.reason() == null || change.reason().isBlank())) {
      return Uni.createFrom()
          .failure(
              Problems.INVALID_INPUT.problem(
                  target + " needs a reason",
                  List.of(new Violation("reason", "must not be blank"))));
    }
    return visible(code, scope)
        .flatMap(
            p ->
                move(
                    p,
                    scope.actor(),
                    target,
                    change.reason(),
                    q -> {
                      if (ending) {
                        q.endedReason = change.reason();
                      }
                    },
                    target == ParticipantStatus.WITHDRAWN
                        ? q ->
                            envelope(
                                EventTypes.PARTICIPANT_WITHDRAWN,
                                q,
                                new ParticipantWithdrawn(
                                    q.code, q.trialId, q.siteCode, change.reason(), q.updatedAt))
                        : null));
  }

  private Uni<ParticipantView> transition(
      String code,
      Scope scope,
      ParticipantStatus target,
      String reason,
      Consumer<Participant> change,
      java.util.function.Function<Participant, EventEnvelope> event) {
    return visible(code, scope).flatMap(p -> move(p, scope.actor(), target, reason, change, event));
  }

  /**
   * Moves {@code p} to {@code target} if its lifecycle allows, with the audit entry (redacted) and,
   * when {@code event} is given, the event in the outbox. Needs a transaction.
   */
  public Uni<ParticipantView> move(
      Participant p,
      Actor actor,
      ParticipantStatus target,
      String reason,
      Consumer<Participant> change,
      java.util.function.Function<Participant, EventEnvelope> event) {
    if (!p.status.canMoveTo(target)) {
      return Uni.createFrom().failure(illegal(p, target));
    }
    var before = ParticipantView.of(p).redacted();
    p.status = target;
    p.updatedAt = now();
    change.accept(p);
    var after = ParticipantView.of(p);
    Uni<?> recorded =
        audit.record(
            new AuditEvent(
                actor,
                "Participant",
                p.code,
                "TRANSITION",
                before,
                after.redacted(),
                reason,
                p.trialId,
                p.code));
    if (event != null) {
      var envelope = event.apply(p);
      recorded = recorded.call(() -> outbox.publish(Topics.PARTICIPANTS, p.code, envelope));
    }
    return recorded.replaceWith(after);
  }

  /** An event about {@code p}, keyed by its trial and code. */
  public EventEnvelope envelope(String type, Participant p, Object payload) {
    return EventEnvelope.of(
        type, TrialService.SOURCE, p.trialId, p.code, json.valueToTree(payload));
  }

  /** 409: {@code p} cannot move to {@code target} from its status. */
  public static Problem illegal(Participant p, ParticipantStatus target) {
    if (target == ParticipantStatus.ELIGIBLE && p.status == ParticipantStatus.SCREENING) {
      return Problems.ILLEGAL_TRANSITION.problem(
          "Participant "
              + p.code
              + " has not consented: record consent before eligibility or any study-specific"
              + " screening (ICH E6); allowed: "
              + p.status.next());
    }
    return Problems.ILLEGAL_TRANSITION.problem(
        "Participant "
            + p.code
            + " cannot move from "
            + p.status
            + " to "
            + target
            + "; allowed: "
            + p.status.next());
  }

  /** The participant, if at one of the caller's sites; else 404 as if it did not exist. */
  public static Uni<Participant> visible(String code, Scope scope) {
    return Participant.<Participant>findById(code)
        .map(
            p -> {
              if (p == null || !scope.worksAt(p.siteCode)) {
                throw Problems.NOT_FOUND.problem("No participant " + code);
              }
              return p;
            });
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}

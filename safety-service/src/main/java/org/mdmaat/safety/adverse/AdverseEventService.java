package org.mdmaat.safety.adverse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.SeriousAdverseEventReported;
import org.mdmaat.contracts.events.Topics;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;
import org.mdmaat.platform.outbox.Outbox;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;
import org.mdmaat.platform.security.Scope;
import org.mdmaat.platform.signature.ElectronicSignature;
import org.mdmaat.platform.signature.Signatures;
import org.mdmaat.safety.Problems;
import org.mdmaat.safety.hold.DosingHoldService;
import org.mdmaat.safety.hold.HoldCause;
import org.mdmaat.safety.participant.KnownParticipant;
import org.mdmaat.safety.participant.ParticipantDirectory;
import org.mdmaat.safety.signing.StoredSignature;
import org.mdmaat.safety.stopping.StoppingRules;

/**
 * Adverse events and their follow-ups. A version row is written for each report and follow-up, with
 * its audit entry, in one transaction. An event that becomes serious is announced
 * (SeriousAdverseEventReported), holds dosing and is counted against the trial's stopping rules;
 * its expedited-report clock is {@link ExpeditedReports}' to keep, recomputed on every change.
 */
@ApplicationScoped
public class AdverseEventService {
  static final String SOURCE = "safety-service";

  private final AuditTrail audit;
  private final Outbox outbox;
  private final DosingHoldService holds;
  private final StoppingRules stoppingRules;
  private final ParticipantDirectory directory;
  private final ObjectMapper json;
  private final Signatures signatures;
  private final ExpeditedReports reports;

  AdverseEventService(
      AuditTrail audit,
      Outbox outbox,
      DosingHoldService holds,
      StoppingRules stoppingRules,
      ParticipantDirectory directory,
      ObjectMapper json,
      Signatures signatures,
      ExpeditedReports reports) {
    this.audit = audit;
    this.outbox = outbox;
    this.holds = holds;
    this.stoppingRules = stoppingRules;
    this.directory = directory;
    this.json = json;
    this.signatures = signatures;
    this.reports = reports;
  }

  /**
   * Reports an adverse event of a participant at one of the caller's sites (another site's answers
   * as an unknown participant, 404); the participant's trial and site are asked of
   * recruitment-service before the transaction opens.
   */
  public Uni<AdverseEvent> report(
      String participantCode, String sessionId, AdverseEventDetails details, Scope scope) {
    boolean investigator = scope.hasRole(Roles.INVESTIGATOR);
    return directory
        .participantAt(participantCode, scope.sites())
        .chain(
            p ->
                Panache.withTransaction(
                    () -> reportWithin(p, sessionId, details, scope.actor(), investigator)));
  }

  /**
   * In the caller's transaction: checks and stores a first report of a participant's adverse event
   * ({@code investigator}: reported by an investigator), with its clock, hold and stopping rules.
   */
  public Uni<AdverseEvent> reportWithin(
      KnownParticipant participant,
      String sessionId,
      AdverseEventDetails details,
      Actor actor,
      boolean investigator) {
    return Uni.createFrom()
        .item(details)
        .invoke(d -> AdverseEventRules.check(d, investigator))
        .chain(() -> holds.lockParticipant(participant.participantCode()))
        .chain(() -> create(participant, sessionId, details, actor));
  }

  private Uni<AdverseEvent> create(
      KnownParticipant participant, String sessionId, AdverseEventDetails details, Actor actor) {
    var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    var event = new AdverseEvent();
    event.id = UUID.randomUUID();
    event.participantCode = participant.participantCode();
    event.trialId = participant.trialId();
    event.siteCode = participant.siteCode();
    event.sessionId = sessionId;
    event.version = 1;
    event.reportedBy = actor.subject();
    event.reportedAt = now;
    apply(event, details, actor, now);
    return event
        .<AdverseEvent>persist()
        .call(() -> reports.track(event, actor, now))
        .call(() -> version(event, null, actor))
        .call(
            () ->
                audit.record(
                    new AuditEvent(
                        actor,
                        "AdverseEvent",
                        event.id.toString(),
                        "CREATE",
                        null,
                        AdverseEventView.of(event),
                        null,
                        event.trialId,
                        event.participantCode)))
        .call(() -> event.serious ? becameSerious(event, actor) : Uni.createFrom().voidItem())
        .call(
            () ->
                stoppingRules.holdIfDosingSuspended(
                    event.participantCode, event.trialId, event.siteCode, actor));
  }

  /**
   * A follow-up by an investigator of the event's site: a new version, signed (21 CFR 11.50,
   * 11.200) by {@code signer}, whose scope is checked first. The site and the rules are checked,
   * and the signature taken, before anything is written: a refused signature (no recent login)
   * stores no version.
   */
  @WithTransaction
  public Uni<AdverseEvent> followUp(UUID id, FollowUpRequest request, Caller signer) {
    var scope = signer.scope();
    var actor = scope.actor();
    return forUpdate(id, scope)
        .call(event -> holds.lockParticipant(event.participantCode))
        .flatMap(
            event -> {
              AdverseEventRules.check(request.event(), scope.hasRole(Roles.INVESTIGATOR));
              var signature =
                  signatures.sign(
                      signer,
                      request.signature().meaning(),
                      SignedFollowUp.of(
                          event.id, event.version + 1, request.event(), request.reason()));
              var before = AdverseEventView.of(event);
              boolean wasSerious = event.serious;
              var now = signature.signedAt();
              event.version += 1;
              apply(event, request.event(), actor, now);
              event.signature = StoredSignature.of(signature);
              Supplier<Uni<?>> effects;
              if (event.serious && !wasSerious) {
                effects = () -> becameSerious(event, actor);
              } else if (event.serious) {
                // Still serious: a follow-up may newly make it related.
                effects = () -> stoppingRules.evaluate(event.trialId);
              } else {
                effects = () -> Uni.createFrom().voidItem();
              }
              // The clock follows the event: recomputed on every change, its history kept.
              return reports
                  .track(event, actor, now)
                  .chain(() -> version(event, request.reason(), actor))
                  .call(
                      () ->
                          audit.record(
                              new AuditEvent(
                                  actor,
                                  "AdverseEvent",
                                  event.id.toString(),
                                  "UPDATE",
                                  before,
                                  AdverseEventView.of(event),
                                  request.reason(),
                                  event.trialId,
                                  event.participantCode)))
                  .call(effects)
                  .replaceWith(event);
            });
  }

  private Uni<Void> becameSerious(AdverseEvent event, Actor actor) {
    var reported =
        new SeriousAdverseEventReported(
            event.id.toString(),
            event.participantCode,
            event.trialId,
            event.siteCode,
            event.term,
            event.grade,
            !event.expected,
            event.relatedness.suspected(),
            event.expeditedDue,
            event.updatedAt);
    var envelope =
        EventEnvelope.of(
            EventTypes.SERIOUS_ADVERSE_EVENT_REPORTED,
            SOURCE,
            event.trialId,
            event.participantCode,
            json.valueToTree(reported));
    return outbox
        .publish(Topics.SAFETY_SIGNALS, event.participantCode, envelope)
        .call(
            () ->
                holds.placeForFinding(
                    event.participantCode,
                    event.trialId,
                    event.siteCode,
                    HoldCause.SERIOUS_ADVERSE_EVENT,
                    "serious adverse event " + event.term + " (grade " + event.grade + ")",
                    actor))
        .call(() -> stoppingRules.evaluate(event.trialId))
        .replaceWithVoid();
  }

  private static void apply(AdverseEvent event, AdverseEventDetails d, Actor actor, Instant now) {
    event.term = d.term();
    event.categories(d.allCategories());
    event.onsetAt = d.onset().toInstant().truncatedTo(ChronoUnit.MICROS);
    event.awarenessAt = d.awareness().toInstant().truncatedTo(ChronoUnit.MICROS);
    event.grade = d.grade();
    event.criteria(d.seriousness());
    event.nonSeriousConfirmedBy =
        d.grade() >= 4 && d.seriousness().isEmpty() && d.gradeConfirmed() ? actor.subject() : null;
    event.relatedness = d.relatedness();
    event.expected = d.expected();
    event.outcome = d.outcome();
    event.description = d.description();
    event.updatedBy = actor.subject();
    event.updatedAt = now;
  }

  private Uni<Void> version(AdverseEvent event, String reason, Actor actor) {
    var v = new AdverseEventVersion();
    v.adverseEventId = event.id;
    v.version = event.version;
    try {
      v.snapshot = json.writeValueAsString(AdverseEventView.of(event));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    v.reason = reason;
    v.recordedBy = actor.subject();
    v.recordedAt = event.updatedAt;
    v.signature = event.signature;
    return v.persist().replaceWithVoid();
  }

  // Concurrent follow-ups of one event wait for each other instead of losing one.
  static Uni<AdverseEvent> forUpdate(UUID id, Scope scope) {
    return AdverseEvent.<AdverseEvent>findById(id, LockModeType.PESSIMISTIC_WRITE)
        .map(event -> visible(event, id, scope));
  }

  /** An adverse event at one of the caller's sites. */
  @WithSession
  public Uni<AdverseEvent> get(UUID id, Scope scope) {
    return visibleById(id, scope);
  }

  /** Needs a session: an adverse event at one of the caller's sites, else 404. */
  static Uni<AdverseEvent> visibleById(UUID id, Scope scope) {
    return AdverseEvent.<AdverseEvent>findById(id).map(event -> visible(event, id, scope));
  }

  // Another site's adverse event answers like a missing one.
  private static AdverseEvent visible(AdverseEvent event, UUID id, Scope scope) {
    if (event == null || !scope.worksAt(event.siteCode)) {
      throw Problems.ADVERSE_EVENT_NOT_FOUND.problem("No adverse event " + id);
    }
    return event;
  }

  /** Every version of an adverse event at one of the caller's sites, the first report included. */
  @WithSession
  public Uni<List<VersionView>> versions(UUID id, Scope scope) {
    return get(id, scope)
        .chain(
            () ->
                AdverseEventVersion.<AdverseEventVersion>list(
                    "adverseEventId = ?1 order by version", id))
        .map(
            versions ->
                versions.stream()
                    .map(
                        v -> {
                          try {
                            return new VersionView(
                                v.version,
                                v.recordedBy,
                                v.recordedAt,
                                v.reason,
                                StoredSignature.shown(
                                    v.signature,
                                    SignedFollowUp.RECORD_TYPE,
                                    SignedFollowUp.recordId(v.adverseEventId, v.version)),
                                json.readTree(v.snapshot));
                          } catch (JsonProcessingException e) {
                            throw new IllegalStateException(e);
                          }
                        })
                    .toList());
  }

  /** The adverse events of a site of the caller's (another site: 404). */
  @WithSession
  public Uni<PageOf<AdverseEventView>> atSite(
      String siteCode, String participantCode, Scope scope, int page, int size) {
    scope.requireSite(siteCode);
    var where = new StringBuilder("siteCode = :site");
    var params = new HashMap<String, Object>();
    params.put("site", siteCode);
    if (participantCode != null) {
      where.append(" and participantCode = :participant");
      params.put("participant", participantCode);
    }
    return PageOf.of(
        AdverseEvent.<AdverseEvent>find(where.toString(), Sort.descending("reportedAt"), params),
        AdverseEventView::of,
        page,
        size);
  }

  /**
   * The adverse events at any of the caller's sites, of {@code participantCode} and {@code trialId}
   * when given; newest report first.
   */
  @WithSession
  public Uni<PageOf<AdverseEventView>> atSites(
      Scope scope, String participantCode, String trialId, int page, int size) {
    if (scope.sites().isEmpty()) {
      return Uni.createFrom().item(new PageOf<>(List.of(), page, size, 0));
    }
    var where = new StringBuilder("siteCode in :sites");
    var params = new HashMap<String, Object>();
    params.put("sites", scope.sites());
    if (participantCode != null) {
      where.append(" and participantCode = :participant");
      params.put("participant", participantCode);
    }
    if (trialId != null) {
      where.append(" and trialId = :trial");
      params.put("trial", trialId);
    }
    return PageOf.of(
        AdverseEvent.<AdverseEvent>find(
            where.toString(), Sort.descending("reportedAt").and("id"), params),
        AdverseEventView::of,
        page,
        size);
  }

  /** One version; {@code signature} is its follow-up's signature (null for the first report). */
  public record VersionView(
      int version,
      String recordedBy,
      Instant recordedAt,
      String reason,
      ElectronicSignature signature,
      JsonNode event) {}
}

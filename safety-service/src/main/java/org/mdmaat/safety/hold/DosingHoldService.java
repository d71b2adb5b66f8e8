package org.mdmaat.safety.hold;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.mdmaat.contracts.events.DosingHoldLifted;
import org.mdmaat.contracts.events.DosingHoldPlaced;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.Topics;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;
import org.mdmaat.platform.outbox.Outbox;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.problem.Violation;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Scope;
import org.mdmaat.platform.signature.Signatures;
import org.mdmaat.safety.Problems;
import org.mdmaat.safety.participant.ParticipantDirectory;
import org.mdmaat.safety.signing.StoredSignature;

/**
 * Places holds. The hold, its audit entry and its DosingHoldPlaced event are written in one
 * transaction: session-service learns of every hold, and of none that was not stored.
 */
@ApplicationScoped
public class DosingHoldService {
  static final String SOURCE = "safety-service";
  private static final Actor SYSTEM = Actor.system(SOURCE);

  private final DosingHoldRepository holds;
  private final AuditTrail audit;
  private final Outbox outbox;
  private final ParticipantDirectory directory;
  private final ObjectMapper json;
  private final Signatures signatures;

  DosingHoldService(
      DosingHoldRepository holds,
      AuditTrail audit,
      Outbox outbox,
      ParticipantDirectory directory,
      ObjectMapper json,
      Signatures signatures) {
    this.holds = holds;
    this.audit = audit;
    this.outbox = outbox;
    this.directory = directory;
    this.json = json;
    this.signatures = signatures;
  }

  /**
   * An investigator stops dosing for a participant at one of the caller's sites. The participant's
   * trial and site are recruitment-service's to say, not the request's (a hold claimed at one's own
   * site on another site's participant would block doses there); they are asked before the
   * transaction opens.
   */
  public Uni<DosingHold> place(PlaceHoldRequest request, Scope scope) {
    var code = request.participantCode();
    var actor = scope.actor();
    if (!scope.worksAt(request.siteCode())) {
      // A site not the caller's names no participant of theirs.
      return Uni.createFrom()
          .failure(Problems.PARTICIPANT_NOT_FOUND.problem("No participant " + code));
    }
    return directory
        .participantAt(code, scope.sites())
        .invoke(
            known -> {
              var wrong = new ArrayList<Violation>();
              if (!known.siteCode().equals(request.siteCode())) {
                wrong.add(new Violation("siteCode", "is not the participant's site"));
              }
              if (!known.trialId().equals(request.trialId())) {
                wrong.add(new Violation("trialId", "is not the participant's trial"));
              }
              if (!wrong.isEmpty()) {
                throw Problems.HOLD_NOT_PARTICIPANTS.problem(
                    "The hold does not match the participant's record", wrong);
              }
            })
        .chain(
            () ->
                Panache.withTransaction(
                    () ->
                        placeWithin(
                            code,
                            request.trialId(),
                            request.siteCode(),
                            HoldCause.INVESTIGATOR,
                            request.reason(),
                            actor)));
  }

  /**
   * In the caller's transaction: waits for other transactions recording findings about the same
   * participant, so that two uploads at once cannot both open the same alert episode or hold. The
   * lock ends with the transaction.
   */
  public Uni<Void> lockParticipant(String participantCode) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "select count(*) from"
                            + " (select pg_advisory_xact_lock(hashtext(:key))) as locked",
                        Long.class)
                    .setParameter("key", "safety-participant:" + participantCode)
                    .getSingleResult())
        .replaceWithVoid();
  }

  /**
   * Places a hold for a safety finding in the caller's transaction (the finding, the hold and its
   * event commit together). A participant already held for the same cause keeps that one hold.
   */
  public Uni<DosingHold> placeForFinding(
      String participantCode,
      String trialId,
      String siteCode,
      HoldCause cause,
      String reason,
      Actor actor) {
    return holds
        .activeFor(participantCode)
        .flatMap(
            active ->
                active.stream()
                    .filter(h -> h.cause == cause)
                    .findFirst()
                    .map(h -> Uni.createFrom().item(h))
                    .orElseGet(
                        // The service places it, on the finding the actor recorded.
                        () ->
                            placeWithin(
                                participantCode,
                                trialId,
                                siteCode,
                                cause,
                                reason + " (recorded by " + actor.subject() + ")",
                                SYSTEM)));
  }

  private Uni<DosingHold> placeWithin(
      String participantCode,
      String trialId,
      String siteCode,
      HoldCause cause,
      String reason,
      Actor actor) {
    var hold = new DosingHold();
    hold.id = UUID.randomUUID();
    hold.participantCode = participantCode;
    hold.trialId = trialId;
    hold.siteCode = siteCode;
    hold.cause = cause;
    hold.reason = reason;
    hold.placedBy = actor.subject();
    hold.placedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);

    var placed =
        new DosingHoldPlaced(
            hold.id.toString(),
            hold.participantCode,
            hold.trialId,
            hold.siteCode,
            cause.name(),
            hold.reason,
            hold.placedAt);
    var event =
        EventEnvelope.of(
            EventTypes.DOSING_HOLD_PLACED,
            SOURCE,
            hold.trialId,
            hold.participantCode,
            json.valueToTree(placed));

    return holds
        .persist(hold)
        .call(
            () ->
                audit.record(
                    new AuditEvent(
                        actor,
                        "DosingHold",
                        hold.id.toString(),
                        "CREATE",
                        null,
                        DosingHoldView.of(hold),
                        hold.reason,
                        hold.trialId,
                        hold.participantCode)))
        .call(() -> outbox.publish(Topics.DOSING_HOLDS, hold.participantCode, event));
  }

  /**
   * Lifts a hold with the investigator's reason and electronic signature; the lift, its audit entry
   * and the DosingHoldLifted event commit together. The site check and the signature come before
   * anything is written: a refused signature (no recent login) leaves the hold active. {@code
   * signer}'s scope is checked first, then they sign.
   */
  @WithTransaction
  public Uni<DosingHold> lift(UUID id, LiftHoldRequest request, Caller signer) {
    var scope = signer.scope();
    var actor = scope.actor();
    // The row lock makes a second lift wait and then see the first (409): one DosingHoldLifted.
    return holds
        .findById(id, LockModeType.PESSIMISTIC_WRITE)
        .map(hold -> visible(hold, id, scope))
        .flatMap(
            hold -> {
              if (!hold.active()) {
                throw Problems.HOLD_LIFTED.problem("Dosing hold " + id + " is lifted");
              }
              var signature =
                  signatures.sign(
                      signer, request.signature().meaning(), hold.liftRecord(request.reason()));
              var before = DosingHoldView.of(hold);
              hold.liftedAt = signature.signedAt();
              hold.liftedBy = actor.subject();
              hold.liftReason = request.reason();
              hold.liftSignature = StoredSignature.of(signature);
              var lifted =
                  new DosingHoldLifted(
                      hold.id.toString(),
                      hold.participantCode,
                      hold.trialId,
                      hold.siteCode,
                      hold.liftedBy,
                      hold.liftReason,
                      hold.liftedAt);
              var event =
                  EventEnvelope.of(
                      EventTypes.DOSING_HOLD_LIFTED,
                      SOURCE,
                      hold.trialId,
                      hold.participantCode,
                      json.valueToTree(lifted));
              return audit
                  .record(
                      new AuditEvent(
                          actor,
                          "DosingHold",
                          hold.id.toString(),
                          "LIFT",
                          before,
                          DosingHoldView.of(hold),
                          hold.liftReason,
                          hold.trialId,
                          hold.participantCode))
                  .call(() -> outbox.publish(Topics.DOSING_HOLDS, hold.participantCode, event))
                  .replaceWith(hold);
            });
  }

  /** A hold at one of the caller's sites. */
  @WithSession
  public Uni<DosingHold> get(UUID id, Scope scope) {
    return holds.findById(id).map(hold -> visible(hold, id, scope));
  }

  // Another site's hold answers like a missing one.
  private static DosingHold visible(DosingHold hold, UUID id, Scope scope) {
    if (hold == null || !scope.worksAt(hold.siteCode)) {
      throw Problems.HOLD_NOT_FOUND.problem("No dosing hold " + id);
    }
    return hold;
  }

  @WithSession
  public Uni<List<DosingHold>> activeFor(String participantCode) {
    return holds.activeFor(participantCode);
  }

  /** The holds at a site of the caller's (another site: 404). */
  @WithSession
  public Uni<PageOf<DosingHoldView>> atSite(
      String siteCode, String participantCode, Scope scope, int page, int size) {
    scope.requireSite(siteCode);
    return PageOf.of(holds.atSite(siteCode, participantCode), DosingHoldView::of, page, size);
  }
}

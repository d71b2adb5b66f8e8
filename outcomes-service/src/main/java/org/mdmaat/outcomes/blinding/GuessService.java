package org.mdmaat.outcomes.blinding;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.mdmaat.outcomes.Problems;
import org.mdmaat.outcomes.UniqueViolation;
import org.mdmaat.outcomes.assessment.Timepoint;
import org.mdmaat.outcomes.lock.DataLockGuard;
import org.mdmaat.outcomes.participant.Participants;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.problem.Violation;
import org.mdmaat.platform.security.Roles;
import org.mdmaat.platform.security.Scope;

/**
 * Allocation guesses: who may give which, at which timepoints, once each. The indices computed from
 * them are {@link BlindingIndexService}'s.
 */
@ApplicationScoped
public class GuessService {
  /** Guesses are collected after each experimental session and at the primary endpoint. */
  static final Set<Timepoint> GUESS_TIMEPOINTS =
      EnumSet.of(
          Timepoint.AFTER_SESSION_1,
          Timepoint.AFTER_SESSION_2,
          Timepoint.AFTER_SESSION_3,
          Timepoint.PRIMARY_ENDPOINT);

  private final Participants participants;
  private final DataLockGuard lock;
  private final AuditTrail audit;

  GuessService(Participants participants, DataLockGuard lock, AuditTrail audit) {
    this.participants = participants;
    this.lock = lock;
    this.audit = audit;
  }

  /** Guesses already given by the same guesser at the timepoint; when the blind was broken. */
  private record Prior(long existing, Optional<Instant> unblindedAt) {}

  /** For the caller of {@code scope}, at one of its sites. */
  public Uni<GuessView> record(String participantCode, GuessRequest request, Scope scope) {
    var actor = scope.actor();
    return Panache.withTransaction(
            () ->
                participants
                    .visibleTo(scope, participantCode)
                    .chain(
                        participant -> {
                          mayGuessAs(actor.roles(), request.guesser());
                          if (!GUESS_TIMEPOINTS.contains(request.timepoint())) {
                            throw Problems.GUESS_TIMEPOINT.problem(
                                "Allocation guesses are collected after sessions 1-3 and at the"
                                    + " primary endpoint, not at "
                                    + request.timepoint(),
                                List.of(
                                    new Violation("timepoint", "no guesses at this timepoint")));
                          }
                          // In the transaction, before anything is written: see DataLockGuard.
                          return lock.requireOpen(participant.trialId)
                              .chain(() -> participants.emergencyUnblinded(participantCode))
                              .chain(
                                  unblindedAt ->
                                      AllocationGuess.count(
                                              "participantCode = ?1 and guesser = ?2 and"
                                                  + " timepoint = ?3",
                                              participantCode,
                                              request.guesser(),
                                              request.timepoint())
                                          .map(existing -> new Prior(existing, unblindedAt)))
                              .chain(
                                  prior -> {
                                    long existing = prior.existing();
                                    if (existing > 0) {
                                      throw Problems.GUESS_EXISTS.problem(
                                          "The "
                                              + request.guesser()
                                              + " guess of "
                                              + participantCode
                                              + " at "
                                              + request.timepoint()
                                              + " is already recorded");
                                    }
                                    var guess = new AllocationGuess();
                                    guess.id = UUID.randomUUID();
                                    guess.participantCode = participantCode;
                                    guess.trialId = participant.trialId;
                                    guess.siteCode = participant.siteCode;
                                    guess.guesser = request.guesser();
                                    guess.timepoint = request.timepoint();
                                    guess.guess = request.guess();
                                    guess.recordedBy = actor.subject();
                                    guess.recordedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                                    guess.afterEmergencyUnblinding =
                                        guess.afterEmergencyUnblinding(
                                            prior.unblindedAt().orElse(null));
                                    var view = GuessView.of(guess, null);
                                    return guess
                                        .persist()
                                        .call(
                                            () ->
                                                audit.record(
                                                    new AuditEvent(
                                                        actor,
                                                        "AllocationGuess",
                                                        guess.id.toString(),
                                                        "CREATE",
                                                        null,
                                                        view,
                                                        null,
                                                        guess.trialId,
                                                        guess.participantCode)))
                                        .replaceWith(view);
                                  });
                        }))
        .onFailure(UniqueViolation::is)
        .transform(
            failure ->
                Problems.GUESS_EXISTS.problem(
                    "The "
                        + request.guesser()
                        + " guess of "
                        + participantCode
                        + " at "
                        + request.timepoint()
                        + " is already recorded"));
  }

  /**
   * A therapist gives the therapist's guess, a rater the rater's; the participant's own guess is
   * entered by site staff.
   */
  private static void mayGuessAs(Set<String> roles, Guesser guesser) {
    boolean allowed =
        switch (guesser) {
          case THERAPIST -> roles.contains(Roles.THERAPIST);
          case RATER -> roles.contains(Roles.RATER);
          case PARTICIPANT ->
              roles.contains(Roles.SITE_COORDINATOR)
                  || roles.contains(Roles.INVESTIGATOR)
                  || roles.contains(Roles.RATER);
        };
    if (!allowed) {
      throw Problems.GUESSER_ROLE.problem(
          "Your role may not record the " + guesser.name().toLowerCase() + "'s guess");
    }
  }

  public Uni<PageOf<GuessView>> ofParticipant(
      String participantCode, Scope scope, int page, int size) {
    return Panache.withSession(
        () ->
            participants
                .visibleTo(scope, participantCode)
                .chain(() -> participants.emergencyUnblinded(participantCode))
                .chain(
                    unblindedAt ->
                        PageOf.of(
                            AllocationGuess.<AllocationGuess>find(
                                "participantCode", Sort.ascending("recordedAt"), participantCode),
                            guess -> GuessView.of(guess, unblindedAt.orElse(null)),
                            page,
                            size)));
  }
}

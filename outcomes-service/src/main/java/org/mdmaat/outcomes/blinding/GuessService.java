package org.mdmaat.outcomes.blinding;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.mdmaat.outcomes.Problems;
import org.mdmaat.outcomes.UniqueViolation;
import org.mdmaat.outcomes.allocation.Arms;
import org.mdmaat.outcomes.allocation.TrialOwnership;
import org.mdmaat.outcomes.assessment.Timepoint;
import org.mdmaat.outcomes.participant.Participants;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.problem.Violation;
import org.mdmaat.platform.security.Caller;
import org.mdmaat.platform.security.Roles;

/**
 * Allocation guesses and the blinding indices computed from them. Indices need the arms, so they
 * are computed only for the DSMB or once the trial is unblinded.
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
  private final Arms arms;
  private final AuditTrail audit;

  private final TrialOwnership ownership;

  GuessService(Participants participants, Arms arms, AuditTrail audit, TrialOwnership ownership) {
    this.ownership = ownership;
    this.participants = participants;
    this.arms = arms;
    this.audit = audit;
  }

  public Uni<GuessView> record(String participantCode, GuessRequest request, Caller caller) {
    var actor = caller.actor();
    return Panache.withTransaction(
            () ->
                participants
                    .visibleTo(caller, participantCode)
                    .chain(
                        participant -> {
                          mayGuessAs(caller, request.guesser());
                          if (!GUESS_TIMEPOINTS.contains(request.timepoint())) {
                            throw Problems.GUESS_TIMEPOINT.problem(
                                "Allocation guesses are collected after sessions 1-3 and at the"
                                    + " primary endpoint, not at "
                                    + request.timepoint(),
                                List.of(
                                    new Violation("timepoint", "no guesses at this timepoint")));
                          }
                          return AllocationGuess.count(
                                  "participantCode = ?1 and guesser = ?2 and timepoint = ?3",
                                  participantCode,
                                  request.guesser(),
                                  request.timepoint())
                              .chain(
                                  existing -> {
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
                                    var view = GuessView.of(guess);
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
  private static void mayGuessAs(Caller caller, Guesser guesser) {
    boolean allowed =
        switch (guesser) {
          case THERAPIST -> caller.hasRole(Roles.THERAPIST);
          case RATER -> caller.hasRole(Roles.RATER);
          case PARTICIPANT ->
              caller.hasRole(Roles.SITE_COORDINATOR)
                  || caller.hasRole(Roles.INVESTIGATOR)
                  || caller.hasRole(Roles.RATER);
        };
    if (!allowed) {
      throw Problems.GUESSER_ROLE.problem(
          "Your role may not record the " + guesser.name().toLowerCase() + "'s guess");
    }
  }

  public Uni<PageOf<GuessView>> ofParticipant(
      String participantCode, Caller caller, int page, int size) {
    return Panache.withSession(
        () ->
            participants
                .visibleTo(caller, participantCode)
                .chain(
                    participant ->
                        PageOf.of(
                            AllocationGuess.<AllocationGuess>find(
                                "participantCode", Sort.ascending("recordedAt"), participantCode),
                            GuessView::of,
                            page,
                            size)));
  }

  public Uni<BlindingReport> indices(
      String trialId, Guesser guesser, Timepoint timepoint, Caller caller) {
    boolean dsmb = caller.hasRole(Roles.DSMB);
    return ownership
        .check(trialId, caller)
        .chain(() -> indicesAfterOwnership(trialId, guesser, timepoint, caller, dsmb));
  }

  private Uni<BlindingReport> indicesAfterOwnership(
      String trialId, Guesser guesser, Timepoint timepoint, Caller caller, boolean dsmb) {
    return Panache.withSession(
            () ->
                participants
                    .unblinded(trialId)
                    .chain(
                        unblinded -> {
                          if (!unblinded && !dsmb) {
                            throw Problems.TRIAL_BLINDED.problem(
                                "Blinding indices need the arms: trial "
                                    + trialId
                                    + " is still blinded (DSMB only until it is unblinded)");
                          }
                          return AllocationGuess.<AllocationGuess>list(
                              "trialId = ?1 and guesser = ?2 and timepoint = ?3",
                              trialId,
                              guesser,
                              timepoint);
                        }))
        .chain(
            guesses ->
                arms.of(trialId, caller)
                    .map(
                        byParticipant ->
                            report(trialId, guesser, timepoint, guesses, byParticipant)));
  }

  static BlindingReport report(
      String trialId,
      Guesser guesser,
      Timepoint timepoint,
      List<AllocationGuess> guesses,
      Map<String, String> arms) {
    long[][] counts = new long[3][2];
    long unallocated = 0;
    for (var guess : guesses) {
      String arm = arms.get(guess.participantCode);
      if (arm == null) {
        unallocated++;
        continue;
      }
      counts[guess.guess.ordinal()][Arms.MDMA.equals(arm) ? 0 : 1]++;
    }
    var mdma = BlindingIndex.bang(counts[0][0], counts[1][0], counts[2][0], true);
    var placebo = BlindingIndex.bang(counts[0][1], counts[1][1], counts[2][1], false);
    return new BlindingReport(
        trialId,
        guesser,
        timepoint,
        Map.of(
            Arms.MDMA,
            new BlindingReport.Column(counts[0][0], counts[1][0], counts[2][0]),
            Arms.PLACEBO,
            new BlindingReport.Column(counts[0][1], counts[1][1], counts[2][1])),
        Map.of(Arms.MDMA, mdma, Arms.PLACEBO, placebo),
        BlindingIndex.james(counts),
        unallocated);
  }
}

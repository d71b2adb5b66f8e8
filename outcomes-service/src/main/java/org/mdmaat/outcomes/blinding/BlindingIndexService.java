package org.mdmaat.outcomes.blinding;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.mdmaat.outcomes.Problems;
import org.mdmaat.outcomes.allocation.ArmVisibility;
import org.mdmaat.outcomes.allocation.Arms;
import org.mdmaat.outcomes.allocation.TrialOwnership;
import org.mdmaat.outcomes.assessment.Timepoint;
import org.mdmaat.outcomes.participant.Participants;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.security.Bearer;
import org.mdmaat.platform.security.Scope;

/**
 * The blinding indices of a trial, computed from its allocation guesses. Indices need the arms, so
 * they are computed only for unblinded roles, or for the sponsor and regulators once the trial is
 * unblinded ({@link ArmVisibility}). Guesses made after a participant's emergency unblinding are
 * left out and counted. The trial's owner and the arms are asked of recruitment-service outside any
 * database session.
 */
@ApplicationScoped
public class BlindingIndexService {
  private final Participants participants;
  private final Arms arms;
  private final TrialOwnership ownership;

  BlindingIndexService(Participants participants, Arms arms, TrialOwnership ownership) {
    this.participants = participants;
    this.arms = arms;
    this.ownership = ownership;
  }

  /** For the reader of {@code scope}, of its sponsor when they have one. */
  public Uni<BlindingReport> indices(
      String trialId, Guesser guesser, Timepoint timepoint, Scope scope, Bearer readerToken) {
    return ownership
        .check(trialId, scope)
        .chain(
            () -> indicesAfterOwnership(trialId, guesser, timepoint, readerToken, scope.actor()));
  }

  private record Loaded(List<AllocationGuess> guesses, Map<String, Instant> emergencyUnblindings) {}

  private Uni<BlindingReport> indicesAfterOwnership(
      String trialId, Guesser guesser, Timepoint timepoint, Bearer readerToken, Actor reader) {
    return Panache.withSession(
            () ->
                participants
                    .unblinded(trialId)
                    .chain(
                        unblinded -> {
                          if (!ArmVisibility.byArm(reader.roles(), unblinded)) {
                            // Says nothing of any group's results, only who may see them.
                            throw Problems.TRIAL_BLINDED.problem(
                                "Trial "
                                    + trialId
                                    + " is still blinded: its blinding indices are for the DSMB"
                                    + " and the unblinded statistician until it is unblinded");
                          }
                          return AllocationGuess.<AllocationGuess>list(
                              "trialId = ?1 and guesser = ?2 and timepoint = ?3",
                              trialId,
                              guesser,
                              timepoint);
                        })
                    .chain(
                        guesses ->
                            participants
                                .emergencyUnblindings(trialId)
                                .map(unblindings -> new Loaded(guesses, unblindings))))
        .chain(
            loaded ->
                arms.of(trialId, readerToken)
                    .map(
                        byParticipant ->
                            report(
                                trialId,
                                guesser,
                                timepoint,
                                loaded.guesses(),
                                loaded.emergencyUnblindings(),
                                byParticipant)));
  }

  static BlindingReport report(
      String trialId,
      Guesser guesser,
      Timepoint timepoint,
      List<AllocationGuess> guesses,
      Map<String, Instant> emergencyUnblindings,
      Map<String, String> arms) {
    long[][] counts = new long[3][2];
    long unallocated = 0;
    long afterUnblinding = 0;
    for (var guess : guesses) {
      // A guess about a participant whose blind was broken is no measure of blinding.
      if (guess.afterEmergencyUnblinding(emergencyUnblindings.get(guess.participantCode))) {
        afterUnblinding++;
        continue;
      }
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
        unallocated,
        afterUnblinding);
  }
}

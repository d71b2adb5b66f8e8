package org.mdmaat.recruitment.randomization;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.ParticipantRandomized;
import org.mdmaat.platform.security.Scope;
import org.mdmaat.recruitment.Problems;
import org.mdmaat.recruitment.participant.AllocationView;
import org.mdmaat.recruitment.participant.ParticipantService;
import org.mdmaat.recruitment.participant.ParticipantStatus;
import org.mdmaat.recruitment.trial.Trial;
import org.mdmaat.recruitment.trial.TrialDocuments;
import org.mdmaat.recruitment.trial.TrialStatus;

/**
 * Randomization of an enrolled participant (ENROLLED to RANDOMIZED): the next slot of their
 * stratum's concealed list, the kit code, and ParticipantRandomized (never the arm).
 */
@ApplicationScoped
public class RandomizationService {
  private static final Set<TrialStatus> RANDOMIZING =
      Set.of(
          TrialStatus.RECRUITING,
          TrialStatus.ENROLLING_BY_INVITATION,
          TrialStatus.ACTIVE_NOT_RECRUITING);

  private final ParticipantService participants;
  private final AllocationLists allocations;
  private final TrialDocuments documents;

  RandomizationService(
      ParticipantService participants, AllocationLists allocations, TrialDocuments documents) {
    this.participants = participants;
    this.allocations = allocations;
    this.documents = documents;
  }

  /**
   * Allocates the participant the next slot of their stratum's concealed list. The trial's row is
   * locked first, so concurrent randomizations of one trial take slots one after the other.
   */
  @WithTransaction
  public Uni<AllocationView> randomize(String code, Scope scope) {
    return ParticipantService.visible(code, scope)
        .flatMap(
            p ->
                Trial.<Trial>findById(p.trialId, LockModeType.PESSIMISTIC_WRITE)
                    .flatMap(
                        trial -> {
                          if (!RANDOMIZING.contains(trial.status)) {
                            return Uni.createFrom()
                                .failure(
                                    Problems.TRIAL_NOT_ENROLLING.problem(
                                        "The trial is " + trial.status + " and randomizes no one"));
                          }
                          if (!p.status.canMoveTo(ParticipantStatus.RANDOMIZED)) {
                            return Uni.createFrom()
                                .failure(
                                    ParticipantService.illegal(p, ParticipantStatus.RANDOMIZED));
                          }
                          var stratum =
                              Strata.of(p.siteCode, trial.stratifyBySubtype, p.dissociativeSubtype);
                          return allocations
                              .nextFree(
                                  trial.id,
                                  trial.randomizationSeed,
                                  stratum,
                                  documents.blockSizes(trial),
                                  scope.actor())
                              .flatMap(
                                  slot -> {
                                    var at = now();
                                    slot.participantCode = p.code;
                                    slot.assignedAt = at;
                                    return participants
                                        .move(
                                            p,
                                            scope.actor(),
                                            ParticipantStatus.RANDOMIZED,
                                            null,
                                            q -> {
                                              q.randomizedAt = at;
                                              q.stratum = stratum;
                                              q.kitCode = slot.kitCode;
                                            },
                                            q ->
                                                participants.envelope(
                                                    EventTypes.PARTICIPANT_RANDOMIZED,
                                                    q,
                                                    new ParticipantRandomized(
                                                        q.code,
                                                        q.trialId,
                                                        q.siteCode,
                                                        q.stratum,
                                                        q.kitCode,
                                                        q.dissociativeSubtype,
                                                        q.veteran,
                                                        q.randomizedAt)))
                                        .map(
                                            view ->
                                                new AllocationView(
                                                    p.code,
                                                    p.trialId,
                                                    p.siteCode,
                                                    stratum,
                                                    slot.kitCode,
                                                    scope.blinded() ? null : slot.arm.name(),
                                                    at));
                                  });
                        }));
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}

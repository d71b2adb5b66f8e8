package org.mdmaat.safety.participant;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;
import org.mdmaat.contracts.grpc.recruitment.Allocation;
import org.mdmaat.contracts.grpc.recruitment.TrialProtocol;
import org.mdmaat.platform.directory.ParticipantDirectoryClient;
import org.mdmaat.platform.problem.Problem;
import org.mdmaat.platform.reactive.CallerContext;
import org.mdmaat.platform.security.Bearer;
import org.mdmaat.safety.Problems;

/**
 * What safety decisions need from recruitment-service, as answers or refusals: an unknown
 * participant is a 404, an unreachable directory a 503. Answers come back on the caller's Vert.x
 * context so a database transaction can follow.
 */
@ApplicationScoped
public class ParticipantDirectory {
  private static final Logger LOG = Logger.getLogger(ParticipantDirectory.class);

  private final ParticipantDirectoryClient client;

  ParticipantDirectory(ParticipantDirectoryClient client) {
    this.client = client;
  }

  public Uni<KnownParticipant> participant(String participantCode) {
    return CallerContext.resumeOn(
        Uni.createFrom()
            .deferred(() -> client.participant(participantCode))
            .onFailure()
            .transform(this::unavailable)
            .map(
                record -> {
                  if (!record.getFound()) {
                    throw Problems.PARTICIPANT_NOT_FOUND.problem(
                        "No participant " + participantCode);
                  }
                  return new KnownParticipant(
                      record.getParticipantCode(), record.getTrialId(), record.getSiteCode());
                }));
  }

  /**
   * The participant, when at one of {@code sites}; a participant at another site answers like an
   * unknown one (404), never revealing that it exists.
   */
  public Uni<KnownParticipant> participantAt(String participantCode, Set<String> sites) {
    return participant(participantCode)
        .invoke(
            p -> {
              if (!sites.contains(p.siteCode())) {
                throw Problems.PARTICIPANT_NOT_FOUND.problem("No participant " + participantCode);
              }
            });
  }

  public Uni<TrialProtocol> protocol(String trialId) {
    return CallerContext.resumeOn(
        Uni.createFrom()
            .deferred(() -> client.protocol(trialId))
            .onFailure()
            .transform(this::unavailable)
            .map(
                protocol -> {
                  if (!protocol.getFound()) {
                    throw Problems.TRIAL_NOT_FOUND.problem("No trial " + trialId);
                  }
                  return protocol;
                }));
  }

  /**
   * The trial's arms as disclosed to {@code person}; anything else refuses (never a guessed arm).
   */
  public Uni<List<Allocation>> allocations(String trialId, Bearer person) {
    return CallerContext.resumeOn(
        Uni.createFrom()
            .deferred(() -> client.allocations(trialId, person))
            .onFailure()
            .transform(this::unavailable)
            .map(
                list -> {
                  if (!list.getDisclosed()) {
                    throw Problems.ARMS_NOT_DISCLOSED.problem(
                        "recruitment-service did not disclose the arms of trial " + trialId);
                  }
                  return list.getAllocationsList();
                }));
  }

  private Throwable unavailable(Throwable failure) {
    if (failure instanceof Problem) {
      return failure;
    }
    LOG.warnf("participant directory unavailable: %s", failure.toString());
    return Problems.DIRECTORY_UNAVAILABLE.problem(
        "recruitment-service's participant directory did not answer");
  }
}

package org.mdmaat.outcomes.allocation;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import org.mdmaat.outcomes.Problems;
import org.mdmaat.platform.directory.ParticipantDirectoryClient;
import org.mdmaat.platform.security.Bearer;

/**
 * The arm of each participant of a trial, from ParticipantDirectory. Never guessed: not disclosed
 * is 409, no answer is 503.
 */
@ApplicationScoped
public class Arms {
  public static final String MDMA = "MDMA";
  public static final String PLACEBO = "PLACEBO";
  private static final Logger LOG = Logger.getLogger(Arms.class);

  private final ParticipantDirectoryClient client;

  Arms(ParticipantDirectoryClient client) {
    this.client = client;
  }

  /**
   * Participant code to "MDMA" or "PLACEBO", as disclosed to the person whose token is {@code
   * requester} (recruitment-service decides on it, verified, and audits it).
   */
  public Uni<Map<String, String>> of(String trialId, Bearer requester) {
    return client
        .allocations(trialId, requester)
        .onFailure()
        .transform(
            failure -> {
              LOG.warnf("ParticipantDirectory gave no allocations for %s: %s", trialId, failure);
              return Problems.DIRECTORY_UNAVAILABLE.problem(
                  "The allocation cannot be known: recruitment-service did not answer");
            })
        .map(
            list -> {
              if (!list.getDisclosed()) {
                throw Problems.ALLOCATIONS_NOT_DISCLOSED.problem(
                    "recruitment-service did not disclose the allocation of trial " + trialId);
              }
              Map<String, String> arms = new HashMap<>();
              for (var allocation : list.getAllocationsList()) {
                if (MDMA.equals(allocation.getArm()) || PLACEBO.equals(allocation.getArm())) {
                  arms.put(allocation.getParticipantCode(), allocation.getArm());
                }
              }
              return Map.copyOf(arms);
            });
  }
}

package org.mdmaat.recruitment.participant;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.ParticipantSubgroupsRecorded;
import org.mdmaat.contracts.events.Topics;
import org.mdmaat.platform.outbox.Outbox;
import org.mdmaat.recruitment.trial.TrialService;

/**
 * Announces a participant's four subgroup facts (dissociative subtype, veteran, combat exposure,
 * TBI) to outcomes-service, which analyses each subgroup: at enrollment and after every correction
 * of an enrolled participant. The revision is the participant row's optimistic-lock version after
 * this transaction's change is flushed, so it grows with every change and orders the announcements
 * for consumers.
 */
@ApplicationScoped
public class SubgroupAnnouncements {
  private final Outbox outbox;
  private final ObjectMapper json;

  SubgroupAnnouncements(Outbox outbox, ObjectMapper json) {
    this.outbox = outbox;
    this.json = json;
  }

  /**
   * Needs the transaction that changed {@code p}. A participant not (yet) enrolled is unknown to
   * outcomes-service: nothing is announced; enrollment announces the facts then current.
   */
  public Uni<Void> announce(Participant p, String reason) {
    if (p.enrolledAt == null) {
      return Uni.createFrom().voidItem();
    }
    // Flushed first: the version (the revision) is the one this change commits with.
    return Panache.getSession()
        .chain(session -> session.flush())
        .chain(
            () -> {
              var payload =
                  new ParticipantSubgroupsRecorded(
                      p.code,
                      p.trialId,
                      p.siteCode,
                      p.dissociativeSubtype,
                      p.veteran,
                      p.combatExposure,
                      p.traumaticBrainInjury,
                      p.version,
                      reason,
                      Instant.now().truncatedTo(ChronoUnit.MICROS));
              var envelope =
                  EventEnvelope.of(
                      EventTypes.PARTICIPANT_SUBGROUPS_RECORDED,
                      TrialService.SOURCE,
                      p.trialId,
                      p.code,
                      json.valueToTree(payload));
              return outbox.publish(Topics.PARTICIPANTS, p.code, envelope);
            })
        .replaceWithVoid();
  }
}

package org.mdmaat.session.dosing;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.mdmaat.platform.directory.ParticipantDirectoryClient;
import org.mdmaat.platform.reactive.CallerContext;
import org.mdmaat.platform.security.Scope;
import org.mdmaat.session.Problems;
import org.mdmaat.session.participant.DoseRegimen;
import org.mdmaat.session.participant.TrialSettings;
import org.mdmaat.session.schedule.ProtocolSession;

/**
 * The dose timeline of one dosing session (read-only): the session and its doses from this
 * service's database, then the trial's regimen from recruitment-service (outside the database
 * session). Another site's session is a 404 as for the doses read; a regimen not configured is the
 * dose path's own refusal naming the setting, never a default window.
 */
@ApplicationScoped
public class DoseTimelineService {
  private final ParticipantDirectoryClient directory;
  private final DoseSettings settings;

  DoseTimelineService(ParticipantDirectoryClient directory, DoseSettings settings) {
    this.directory = directory;
    this.settings = settings;
  }

  private record Stored(ProtocolSession session, List<Dose> doses) {}

  public Uni<DoseTimeline> timeline(UUID id, Scope scope) {
    return Panache.withSession(
            () ->
                ProtocolSession.<ProtocolSession>findById(id)
                    .map(s -> SessionLifecycleService.visible(s, id, scope))
                    .invoke(
                        s -> {
                          if (!s.dosing()) {
                            throw Problems.ILLEGAL_TRANSITION.problem(
                                "A " + s.kind + " session has no doses");
                          }
                        })
                    .chain(
                        s ->
                            Dose.<Dose>list("sessionId = ?1 order by administeredAt", s.id)
                                .map(doses -> new Stored(s, doses))))
        .chain(stored -> regimen(stored.session().trialId).map(r -> of(stored, r)));
  }

  private Uni<DoseRegimen> regimen(String trialId) {
    return CallerContext.resumeOn(directory.protocol(trialId))
        .onFailure()
        .transform(
            failure ->
                Problems.DIRECTORY_UNAVAILABLE.problem(
                    "The trial's regimen could not be read from recruitment-service"))
        .map(
            protocol -> {
              TrialSettings.requireFound(trialId, protocol);
              return DoseRegimen.of(protocol);
            });
  }

  private DoseTimeline of(Stored stored, DoseRegimen regimen) {
    var s = stored.session();
    var initial = stored.doses().stream().filter(d -> !d.supplemental).findFirst().orElse(null);
    boolean allowed = regimen.supplementalAllowed();
    var opensAt =
        allowed && initial != null
            ? DoseRules.windowCountsFrom(initial, settings.lateAfter())
                .plus(Duration.ofMinutes(regimen.supplementalEarliestMinutes()))
            : null;
    var closesAt =
        allowed && initial != null
            ? initial.administeredAt.plus(Duration.ofMinutes(regimen.supplementalLatestMinutes()))
            : null;
    return new DoseTimeline(
        s.id,
        s.participantCode,
        s.siteCode,
        s.kind,
        s.number,
        s.status,
        stored.doses().stream().map(DoseView::of).toList(),
        allowed,
        allowed ? regimen.supplementalEarliestMinutes() : null,
        allowed ? regimen.supplementalLatestMinutes() : null,
        opensAt,
        closesAt,
        stored.doses().stream().anyMatch(d -> d.supplemental));
  }
}

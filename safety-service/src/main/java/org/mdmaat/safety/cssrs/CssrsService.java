package org.mdmaat.safety.cssrs;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.UUID;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.security.Scope;
import org.mdmaat.safety.alert.AlertKind;
import org.mdmaat.safety.alert.AlertLevel;
import org.mdmaat.safety.alert.AlertService;
import org.mdmaat.safety.alert.SafetyAlert;
import org.mdmaat.safety.hold.DosingHoldService;
import org.mdmaat.safety.hold.HoldCause;
import org.mdmaat.safety.participant.KnownParticipant;
import org.mdmaat.safety.participant.ParticipantDirectory;

/** Records C-SSRS screens; a positive one raises an urgent alert and holds dosing. */
@ApplicationScoped
public class CssrsService {
  private final AuditTrail audit;
  private final AlertService alerts;
  private final DosingHoldService holds;
  private final ParticipantDirectory directory;

  CssrsService(
      AuditTrail audit,
      AlertService alerts,
      DosingHoldService holds,
      ParticipantDirectory directory) {
    this.audit = audit;
    this.alerts = alerts;
    this.holds = holds;
    this.directory = directory;
  }

  /**
   * Records a screen of a participant at one of the caller's sites, the participant's trial and
   * site asked of recruitment-service before the transaction opens.
   */
  public Uni<CssrsScreenView> record(CssrsScreenRequest r, Scope scope) {
    return directory
        .participantAt(r.participantCode(), scope.sites())
        .chain(p -> Panache.withTransaction(() -> store(p, r, scope.actor())));
  }

  private Uni<CssrsScreenView> store(KnownParticipant p, CssrsScreenRequest r, Actor actor) {
    var screen = new CssrsScreen();
    screen.id = UUID.randomUUID();
    screen.sessionId = r.sessionId();
    screen.participantCode = p.participantCode();
    screen.trialId = p.trialId();
    screen.siteCode = p.siteCode();
    screen.screenedAt = r.screenedAt().toInstant().truncatedTo(ChronoUnit.MICROS);
    screen.wishToBeDead = r.wishToBeDead();
    screen.activeIdeation = r.activeIdeation();
    screen.ideationMethod = r.ideationMethod();
    screen.intent = r.intent();
    screen.plan = r.plan();
    screen.behaviour = r.behaviour();
    screen.positive = screen.intent || screen.plan || screen.behaviour;
    screen.recordedBy = actor.subject();
    screen.recordedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);

    Uni<CssrsScreen> stored =
        holds
            .lockParticipant(p.participantCode())
            .chain(() -> screen.<CssrsScreen>persist())
            .call(
                () ->
                    audit.record(
                        new AuditEvent(
                            actor,
                            "CssrsScreen",
                            screen.id.toString(),
                            "CREATE",
                            null,
                            CssrsScreenView.of(screen, null),
                            null,
                            screen.trialId,
                            screen.participantCode)));
    if (!screen.positive) {
      return stored.map(s -> CssrsScreenView.of(s, null));
    }
    var alert = new SafetyAlert();
    alert.id = UUID.randomUUID();
    alert.kind = AlertKind.CSSRS;
    alert.level = AlertLevel.URGENT;
    alert.participantCode = p.participantCode();
    alert.trialId = p.trialId();
    alert.siteCode = p.siteCode();
    alert.sessionId = r.sessionId();
    alert.summary = "positive C-SSRS screen (" + findings(screen) + ") in session " + r.sessionId();
    alert.raisedAt = screen.recordedAt;
    return stored
        .call(() -> alerts.raise(alert, actor))
        .call(
            () ->
                holds.placeForFinding(
                    p.participantCode(),
                    p.trialId(),
                    p.siteCode(),
                    HoldCause.CSSRS_POSITIVE,
                    alert.summary,
                    actor))
        .map(s -> CssrsScreenView.of(s, alert.id));
  }

  private static String findings(CssrsScreen s) {
    var items = new ArrayList<String>();
    if (s.intent) {
      items.add("intent");
    }
    if (s.plan) {
      items.add("plan");
    }
    if (s.behaviour) {
      items.add("behaviour");
    }
    return String.join(", ", items);
  }

  /** The screens at a site of the caller's (another site: 404). */
  @WithSession
  public Uni<PageOf<CssrsScreenView>> atSite(
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
        CssrsScreen.<CssrsScreen>find(where.toString(), Sort.descending("screenedAt"), params),
        s -> CssrsScreenView.of(s, null),
        page,
        size);
  }
}

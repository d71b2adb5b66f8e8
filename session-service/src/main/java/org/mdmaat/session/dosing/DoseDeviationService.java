package org.mdmaat.session.dosing;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.security.Scope;
import org.mdmaat.platform.signature.ElectronicSignature;
import org.mdmaat.platform.signature.SignedRecord;
import org.mdmaat.session.Problems;
import org.mdmaat.session.booking.DeviationView;
import org.mdmaat.session.booking.ProtocolDeviation;
import org.mdmaat.session.booking.ProtocolDeviations;
import org.mdmaat.session.schedule.ProtocolSession;
import org.mdmaat.session.schedule.SessionStatus;

/**
 * Signed deviations recorded before a dose that breaks the sequence or spacing of experimental
 * sessions. Only before the session's first dose; one per category and session (409 otherwise). The
 * investigator signs with the platform's electronic signature (fresh login, name from the identity
 * provider, hash of the deviation's facts).
 */
@ApplicationScoped
public class DoseDeviationService {
  private static final Set<SessionStatus> BEFORE_DOSE =
      EnumSet.of(
          SessionStatus.SCHEDULED, SessionStatus.CHECKED_IN, SessionStatus.PRE_DOSE_CHECKS_PASSED);

  private final ProtocolDeviations deviations;

  DoseDeviationService(ProtocolDeviations deviations) {
    this.deviations = deviations;
  }

  /**
   * For the investigator of {@code scope}; {@code signer} signs the deviation for them (it may
   * refuse: a login too old, no name).
   */
  @WithTransaction
  public Uni<DeviationView> record(
      UUID id,
      DoseDeviationRequest request,
      Scope scope,
      Function<SignedRecord, ElectronicSignature> signer) {
    var category = request.category().name();
    return SessionLifecycleService.locked(id, scope)
        .invoke(
            s -> {
              if (!s.dosing()) {
                throw Problems.ILLEGAL_TRANSITION.problem("A " + s.kind + " session has no doses");
              }
              if (!BEFORE_DOSE.contains(s.status)) {
                throw Problems.ILLEGAL_TRANSITION.problem(
                    "Session "
                        + id
                        + " is "
                        + s.status
                        + ": a dose deviation comes before the dose");
              }
            })
        .call(
            s ->
                ProtocolDeviation.count("sessionId = ?1 and category = ?2", s.id, category)
                    .invoke(
                        n -> {
                          if (n > 0) {
                            throw Problems.DEVIATION_RECORDED.problem(
                                "A "
                                    + category
                                    + " deviation is already recorded for session "
                                    + id);
                          }
                        }))
        .chain(s -> store(s, request, scope.actor(), signer));
  }

  private Uni<DeviationView> store(
      ProtocolSession s,
      DoseDeviationRequest request,
      Actor actor,
      Function<SignedRecord, ElectronicSignature> signer) {
    var now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    var reason = request.reason().trim();
    var d =
        ProtocolDeviations.of(
            s, request.category().name(), reason + " (EXPERIMENTAL " + s.number + ")", actor, now);
    // Signed before it is written: a refused signature (stale login, no name) records nothing.
    d.signedWith(signer.apply(d.signed()));
    return deviations.record(d, reason, actor);
  }
}

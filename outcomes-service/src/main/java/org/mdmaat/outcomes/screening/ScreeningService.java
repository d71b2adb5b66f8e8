package org.mdmaat.outcomes.screening;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.mdmaat.contracts.grpc.recruitment.ParticipantRecord;
import org.mdmaat.contracts.grpc.recruitment.ParticipantStatus;
import org.mdmaat.outcomes.Problems;
import org.mdmaat.outcomes.UniqueViolation;
import org.mdmaat.outcomes.instrument.Instrument;
import org.mdmaat.outcomes.instrument.InstrumentCatalog;
import org.mdmaat.outcomes.instrument.InstrumentScorer;
import org.mdmaat.outcomes.instrument.Score;
import org.mdmaat.outcomes.lock.DataLockGuard;
import org.mdmaat.outcomes.rater.IndependentRaterRule;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;
import org.mdmaat.platform.directory.ParticipantDirectoryClient;
import org.mdmaat.platform.security.Scope;

/**
 * The screening CAPS-5 that an investigator's eligibility signature rests on (issue 16). Order of
 * checks: the candidate must be known to recruitment-service at one of the caller's sites (404; no
 * answer 503), consented and still in screening (409: ICH E6, no study-specific screening before
 * consent), the responses valid (422), the rater independent (403/503), the trial's outcome data
 * not locked (409), no screening CAPS-5 yet (409); then the row and its audit entry in one
 * transaction. The gRPC calls happen before the transaction opens.
 */
@ApplicationScoped
public class ScreeningService {
  static final String CAPS5 = "CAPS5";
  private static final Logger LOG = Logger.getLogger(ScreeningService.class);
  private static final TypeReference<Map<String, Integer>> NUMBERS = new TypeReference<>() {};
  private static final TypeReference<Map<String, Boolean>> BOOLEANS = new TypeReference<>() {};

  private final ParticipantDirectoryClient directory;
  private final InstrumentCatalog catalog;
  private final IndependentRaterRule raterRule;
  private final DataLockGuard lock;
  private final AuditTrail audit;
  private final ObjectMapper json;

  ScreeningService(
      ParticipantDirectoryClient directory,
      InstrumentCatalog catalog,
      IndependentRaterRule raterRule,
      DataLockGuard lock,
      AuditTrail audit,
      ObjectMapper json) {
    this.directory = directory;
    this.catalog = catalog;
    this.raterRule = raterRule;
    this.lock = lock;
    this.audit = audit;
    this.json = json;
  }

  /** Records the screening CAPS-5 of a consented candidate at one of the caller's sites. */
  public Uni<ScreeningView> record(String participantCode, ScreeningRequest request, Scope scope) {
    var actor = scope.actor();
    return directory
        .participant(participantCode)
        .onFailure()
        .transform(
            failure -> {
              LOG.warnf(
                  "ParticipantDirectory gave no answer for %s: %s",
                  participantCode, failure.toString());
              return Problems.DIRECTORY_UNAVAILABLE.problem(
                  "The candidate's consent cannot be confirmed: recruitment-service did not"
                      + " answer");
            })
        .chain(
            candidate -> {
              if (!candidate.getFound() || !scope.worksAt(candidate.getSiteCode())) {
                throw Problems.NOT_FOUND.problem("No participant " + participantCode);
              }
              requireConsented(candidate);
              Instrument caps5 = caps5();
              Score score = InstrumentScorer.score(caps5, request.responses());
              return raterRule
                  .check(caps5, actor, participantCode)
                  .chain(
                      () ->
                          Panache.withTransaction(
                              () -> create(candidate, caps5, request, score, actor)))
                  .onFailure(UniqueViolation::is)
                  .transform(failure -> exists(participantCode));
            });
  }

  /** The screening CAPS-5 of a participant at one of the caller's sites; 404 when none. */
  public Uni<ScreeningView> get(String participantCode, Scope scope) {
    return Panache.withSession(() -> find(participantCode))
        .map(
            found -> {
              if (found.isEmpty() || !scope.worksAt(found.get().siteCode)) {
                throw Problems.NOT_FOUND.problem(
                    "No screening CAPS-5 for participant " + participantCode);
              }
              return view(found.get());
            });
  }

  /** For the gRPC endpoint: the screening CAPS-5, if recorded. */
  public Uni<Optional<ScreeningAssessment>> latest(String participantCode) {
    return Panache.withSession(() -> find(participantCode));
  }

  private static Uni<Optional<ScreeningAssessment>> find(String participantCode) {
    return ScreeningAssessment.<ScreeningAssessment>find(
            "participantCode = ?1 and instrument = ?2", participantCode, CAPS5)
        .firstResult()
        .map(Optional::ofNullable);
  }

  private static void requireConsented(ParticipantRecord candidate) {
    var status = candidate.getStatus();
    if (status == ParticipantStatus.CONSENTED) {
      return;
    }
    if (status == ParticipantStatus.SCREENING) {
      throw Problems.SCREENING_NOT_CONSENTED.problem(
          "Participant "
              + candidate.getParticipantCode()
              + " has not consented: record consent in recruitment-service before any"
              + " study-specific screening procedure (ICH E6)");
    }
    throw Problems.SCREENING_NOT_CONSENTED.problem(
        "Participant "
            + candidate.getParticipantCode()
            + " is "
            + status
            + ": a screening CAPS-5 is recorded only while a consented candidate is screened");
  }

  private Uni<ScreeningView> create(
      ParticipantRecord candidate,
      Instrument caps5,
      ScreeningRequest request,
      Score score,
      Actor actor) {
    // First in the transaction: a database lock either waits for this write or refuses it.
    return lock.requireOpen(candidate.getTrialId())
        .chain(() -> find(candidate.getParticipantCode()))
        .chain(
            existing -> {
              if (existing.isPresent()) {
                throw exists(candidate.getParticipantCode());
              }
              var s = new ScreeningAssessment();
              s.id = UUID.randomUUID();
              s.participantCode = candidate.getParticipantCode();
              s.trialId = candidate.getTrialId();
              s.siteCode = candidate.getSiteCode();
              s.instrument = caps5.code();
              s.responses = write(request.responses());
              s.total = score.total();
              s.flags = write(score.flags());
              // The instrument names its diagnosis flag; absent means not met (fail closed).
              s.ptsdDiagnosis =
                  Boolean.TRUE.equals(score.flags().get(caps5.outcome().diagnosisFlag()));
              s.administeredAt =
                  request.administeredAt().toInstant().truncatedTo(ChronoUnit.MICROS);
              s.recordedBy = actor.subject();
              s.recordedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
              var view = view(s);
              return s.persist()
                  .call(
                      () ->
                          audit.record(
                              new AuditEvent(
                                  actor,
                                  "ScreeningAssessment",
                                  s.id.toString(),
                                  "CREATE",
                                  null,
                                  view,
                                  null,
                                  s.trialId,
                                  s.participantCode)))
                  .replaceWith(view);
            });
  }

  private Instrument caps5() {
    return catalog
        .find(CAPS5)
        .orElseThrow(() -> new IllegalStateException("the CAPS5 definition is not loaded"));
  }

  private static RuntimeException exists(String participantCode) {
    return Problems.ASSESSMENT_EXISTS.problem(participantCode + " already has a screening CAPS-5");
  }

  ScreeningView view(ScreeningAssessment s) {
    return new ScreeningView(
        s.id,
        s.participantCode,
        s.trialId,
        s.siteCode,
        s.instrument,
        new TreeMap<>(read(s.responses, NUMBERS)),
        s.total,
        new TreeMap<>(read(s.flags, BOOLEANS)),
        s.ptsdDiagnosis,
        s.administeredAt,
        s.recordedBy,
        s.recordedAt);
  }

  private String write(Map<String, ?> values) {
    try {
      return json.writeValueAsString(new TreeMap<>(values));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private <T> T read(String text, TypeReference<T> type) {
    try {
      return json.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}

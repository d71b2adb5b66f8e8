package org.mdmaat.outcomes.assessment;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.mdmaat.contracts.events.AssessmentRecorded;
import org.mdmaat.contracts.events.EventEnvelope;
import org.mdmaat.contracts.events.EventTypes;
import org.mdmaat.contracts.events.Topics;
import org.mdmaat.outcomes.Problems;
import org.mdmaat.outcomes.UniqueViolation;
import org.mdmaat.outcomes.instrument.Instrument;
import org.mdmaat.outcomes.instrument.InstrumentCatalog;
import org.mdmaat.outcomes.instrument.InstrumentScorer;
import org.mdmaat.outcomes.instrument.Score;
import org.mdmaat.outcomes.lock.DataLockGuard;
import org.mdmaat.outcomes.participant.Participants;
import org.mdmaat.outcomes.participant.TrialParticipant;
import org.mdmaat.outcomes.rater.IndependentRaterRule;
import org.mdmaat.platform.audit.Actor;
import org.mdmaat.platform.audit.AuditEvent;
import org.mdmaat.platform.audit.AuditTrail;
import org.mdmaat.platform.outbox.Outbox;
import org.mdmaat.platform.paging.PageOf;
import org.mdmaat.platform.problem.Violation;
import org.mdmaat.platform.security.Scope;

/**
 * Records and corrects assessments. Order of checks: the participant must be visible (404), the
 * responses valid (422), the rater independent (403/503), the trial's outcome data not locked
 * (409); then the assessment, its revision, the audit entry and the AssessmentRecorded event are
 * written in one transaction.
 */
@ApplicationScoped
public class AssessmentService {
  static final String SOURCE = "outcomes-service";

  private final InstrumentCatalog catalog;
  private final Participants participants;
  private final IndependentRaterRule raterRule;
  private final DataLockGuard lock;
  private final AuditTrail audit;
  private final Outbox outbox;
  private final AssessmentJson columns;
  private final Windows windows;
  private final ObjectMapper json;

  AssessmentService(
      InstrumentCatalog catalog,
      Participants participants,
      IndependentRaterRule raterRule,
      DataLockGuard lock,
      AuditTrail audit,
      Outbox outbox,
      AssessmentJson columns,
      ObjectMapper json,
      Windows windows) {
    this.windows = windows;
    this.catalog = catalog;
    this.participants = participants;
    this.raterRule = raterRule;
    this.lock = lock;
    this.audit = audit;
    this.outbox = outbox;
    this.columns = columns;
    this.json = json;
  }

  /** For the caller of {@code scope}, at one of its sites. */
  public Uni<AssessmentView> record(
      String participantCode, RecordAssessmentRequest request, Scope scope) {
    var actor = scope.actor();
    return Panache.withSession(() -> participants.visibleTo(scope, participantCode))
        .chain(
            participant -> {
              Instrument instrument = instrumentNamed(request.instrument());
              Score score = InstrumentScorer.score(instrument, request.responses());
              return raterRule
                  .check(instrument, actor, participantCode)
                  .chain(
                      () ->
                          Panache.withTransaction(
                              () -> create(participant, instrument, request, score, actor)))
                  .onFailure(UniqueViolation::is)
                  .transform(
                      failure ->
                          Problems.ASSESSMENT_EXISTS.problem(
                              participantCode
                                  + " already has "
                                  + instrument.code()
                                  + " at "
                                  + request.timepoint()
                                  + ": correct it instead"));
            });
  }

  private Uni<AssessmentView> create(
      TrialParticipant participant,
      Instrument instrument,
      RecordAssessmentRequest request,
      Score score,
      Actor actor) {
    // First in the transaction: a database lock either waits for this write or refuses it.
    return lock.requireOpen(participant.trialId)
        .chain(
            () ->
                Assessment.count(
                    "participantCode = ?1 and instrument = ?2 and timepoint = ?3",
                    participant.participantCode,
                    instrument.code(),
                    request.timepoint()))
        .chain(
            existing -> {
              if (existing > 0) {
                throw Problems.ASSESSMENT_EXISTS.problem(
                    participant.participantCode
                        + " already has "
                        + instrument.code()
                        + " at "
                        + request.timepoint()
                        + ": correct it instead");
              }
              var assessment = new Assessment();
              assessment.id = UUID.randomUUID();
              assessment.participantCode = participant.participantCode;
              assessment.trialId = participant.trialId;
              assessment.siteCode = participant.siteCode;
              assessment.instrument = instrument.code();
              assessment.timepoint = request.timepoint();
              assessment.revision = 1;
              apply(assessment, request.responses(), score, request.administeredAt(), actor, null);
              return windows
                  .of(assessment.trialId, assessment.participantCode)
                  .chain(judge -> persist(assessment, judge.judge(assessment), actor));
            });
  }

  private Uni<AssessmentView> persist(Assessment assessment, WindowView window, Actor actor) {
    // The window, as judged now, is part of what the audit entry records.
    var view = columns.view(assessment, window);
    return assessment
        .persist()
        .chain(() -> AssessmentRevision.of(assessment).persist())
        .call(
            () ->
                audit.record(
                    new AuditEvent(
                        actor,
                        "Assessment",
                        assessment.id.toString(),
                        "CREATE",
                        null,
                        view,
                        null,
                        assessment.trialId,
                        assessment.participantCode)))
        .call(() -> announce(assessment))
        .replaceWith(view);
  }

  public Uni<AssessmentView> correct(UUID id, CorrectAssessmentRequest request, Scope scope) {
    var actor = scope.actor();
    return Panache.withSession(() -> visible(id, scope))
        .chain(
            found -> {
              Instrument instrument = instrumentNamed(found.instrument);
              Score score = InstrumentScorer.score(instrument, request.responses());
              return raterRule
                  .check(instrument, actor, found.participantCode)
                  .chain(
                      () ->
                          Panache.withTransaction(
                              () ->
                                  lock.requireOpen(found.trialId)
                                      .chain(() -> revise(id, request, score, actor))));
            });
  }

  private Uni<AssessmentView> revise(
      UUID id, CorrectAssessmentRequest request, Score score, Actor actor) {
    // Locked: two corrections at once must not both become the same next revision.
    return Assessment.<Assessment>findById(id, LockModeType.PESSIMISTIC_WRITE)
        .chain(
            assessment ->
                windows
                    .of(assessment.trialId, assessment.participantCode)
                    .chain(judge -> revise(assessment, judge, request, score, actor)));
  }

  private Uni<AssessmentView> revise(
      Assessment assessment,
      WindowJudge judge,
      CorrectAssessmentRequest request,
      Score score,
      Actor actor) {
    var before = columns.view(assessment, judge.judge(assessment));
    assessment.revision = assessment.revision + 1;
    // No new time given: the correction keeps when the instrument was administered.
    apply(
        assessment, request.responses(), score, request.administeredAt(), actor, request.reason());
    var after = columns.view(assessment, judge.judge(assessment));
    return AssessmentRevision.of(assessment)
        .persist()
        .call(
            () ->
                audit.record(
                    new AuditEvent(
                        actor,
                        "Assessment",
                        assessment.id.toString(),
                        "UPDATE",
                        before,
                        after,
                        request.reason(),
                        assessment.trialId,
                        assessment.participantCode)))
        .call(() -> announce(assessment))
        .replaceWith(after);
  }

  private void apply(
      Assessment assessment,
      Map<String, Integer> responses,
      Score score,
      OffsetDateTime administeredAt,
      Actor actor,
      String reason) {
    assessment.responses = columns.write(responses);
    assessment.total = score.total();
    assessment.subscales = columns.write(score.subscales());
    assessment.band = score.band();
    assessment.flags = columns.write(score.flags());
    if (administeredAt != null) {
      assessment.administeredAt = administeredAt.toInstant().truncatedTo(ChronoUnit.MICROS);
    }
    assessment.recordedBy = actor.subject();
    assessment.recordedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    assessment.reason = reason;
  }

  private Uni<Void> announce(Assessment assessment) {
    var recorded =
        new AssessmentRecorded(
            assessment.id.toString(),
            assessment.participantCode,
            assessment.trialId,
            assessment.siteCode,
            assessment.instrument,
            assessment.timepoint.name(),
            BigDecimal.valueOf(assessment.total),
            assessment.recordedAt);
    var event =
        EventEnvelope.of(
            EventTypes.ASSESSMENT_RECORDED,
            SOURCE,
            assessment.trialId,
            assessment.participantCode,
            json.valueToTree(recorded));
    return outbox.publish(Topics.ASSESSMENTS, assessment.participantCode, event);
  }

  private Instrument instrumentNamed(String code) {
    return catalog
        .find(code)
        .orElseThrow(
            () ->
                Problems.INVALID_RESPONSES.problem(
                    "Unknown instrument " + code,
                    List.of(new Violation("instrument", "no instrument " + code))));
  }

  /** Needs a session. 404 for an unknown assessment or one at another site. */
  private Uni<Assessment> visible(UUID id, Scope scope) {
    return Assessment.<Assessment>findById(id)
        .map(
            assessment -> {
              if (assessment == null || !scope.worksAt(assessment.siteCode)) {
                throw Problems.NOT_FOUND.problem("No assessment " + id);
              }
              return assessment;
            });
  }

  public Uni<AssessmentView> get(UUID id, Scope scope) {
    return Panache.withSession(
        () ->
            visible(id, scope)
                .chain(
                    assessment ->
                        windows
                            .of(assessment.trialId, assessment.participantCode)
                            .map(judge -> columns.view(assessment, judge.judge(assessment)))));
  }

  public Uni<PageOf<AssessmentView.Revision>> history(UUID id, Scope scope, int page, int size) {
    return Panache.withSession(
        () ->
            visible(id, scope)
                .chain(
                    assessment ->
                        PageOf.of(
                            AssessmentRevision.<AssessmentRevision>find(
                                "assessmentId", Sort.ascending("revision"), id),
                            columns::view,
                            page,
                            size)));
  }

  public Uni<PageOf<AssessmentView>> ofParticipant(
      String participantCode,
      String instrument,
      Timepoint timepoint,
      Scope scope,
      int page,
      int size) {
    var where = new StringBuilder("participantCode = :participant");
    var parameters = new HashMap<String, Object>();
    parameters.put("participant", participantCode);
    if (instrument != null) {
      where.append(" and instrument = :instrument");
      parameters.put("instrument", instrument);
    }
    if (timepoint != null) {
      where.append(" and timepoint = :timepoint");
      parameters.put("timepoint", timepoint);
    }
    return Panache.withSession(
        () ->
            participants
                .visibleTo(scope, participantCode)
                .chain(participant -> windows.of(participant.trialId, participantCode))
                .chain(
                    judge ->
                        PageOf.of(
                            Assessment.<Assessment>find(
                                where.toString(),
                                Sort.ascending("administeredAt", "instrument"),
                                parameters),
                            (Assessment a) -> columns.view(a, judge.judge(a)),
                            page,
                            size)));
  }
}
